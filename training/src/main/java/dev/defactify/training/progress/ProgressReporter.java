package dev.defactify.training.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;

/** Starts {@link Progress} handles for long-running tasks; choose one with the static factories. */
public sealed interface ProgressReporter permits LineReporter, TerminalReporter, SilentReporter {

    /** Often enough to show a job is alive, rarely enough that a day-long run logs under 3,000 lines. */
    Duration DEFAULT_LINE_INTERVAL = Duration.ofSeconds(30);

    /**
     * @param taskName   shown first on every line, e.g. {@code "train epoch 3/10"}
     * @param totalSteps how many units the task will process; 0 for an empty task
     * @param unit       plural name of a unit, e.g. {@code "images"}
     */
    Progress start(String taskName, long totalSteps, String unit);

    /** A bar on an interactive terminal, otherwise rate-limited lines; writes to standard error. */
    static ProgressReporter automatic() {
        return automatic(System.err);
    }

    static ProgressReporter automatic(PrintStream out) {
        return TerminalDetection.standardOutputIsInteractive() ? terminal(out) : lines(out);
    }

    /** A live progress bar redrawn in place; only sensible on an interactive terminal. */
    static ProgressReporter terminal(PrintStream out) {
        return new TerminalReporter(out, () -> new ConsoleProgressBarConsumer(out), System::nanoTime);
    }

    /** Plain lines, at most one per {@link #DEFAULT_LINE_INTERVAL}, plus a summary line at close. */
    static ProgressReporter lines(PrintStream out) {
        return lines(out, DEFAULT_LINE_INTERVAL, System::nanoTime);
    }

    /** @param nanoClock a monotonic clock in nanoseconds, like {@link System#nanoTime()} */
    static ProgressReporter lines(PrintStream out, Duration interval, LongSupplier nanoClock) {
        return new LineReporter(out, interval, nanoClock);
    }

    /** Counts but prints nothing; for tests and for callers that report progress some other way. */
    static ProgressReporter silent() {
        return new SilentReporter(System::nanoTime);
    }
}
