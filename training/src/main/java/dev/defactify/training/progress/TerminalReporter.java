package dev.defactify.training.progress;

import java.io.PrintStream;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * Reports with a live progress bar.
 *
 * @param summaryOut where the summary line goes once the bar is closed
 * @param consumers  makes the sink each bar draws into; one per task because closing a bar closes it
 * @param nanoClock  times the summary line; the bar itself keeps the library's wall clock
 */
record TerminalReporter(PrintStream summaryOut, Supplier<ProgressBarConsumer> consumers, LongSupplier nanoClock)
        implements ProgressReporter {

    TerminalReporter {
        Objects.requireNonNull(summaryOut, "summaryOut");
        Objects.requireNonNull(consumers, "consumers");
        Objects.requireNonNull(nanoClock, "nanoClock");
    }

    @Override
    public Progress start(String taskName, long totalSteps, String unit) {
        ProgressTracker tracker = new ProgressTracker(taskName, totalSteps, unit, nanoClock);
        return new TerminalProgress(tracker, consumers.get(), summaryOut);
    }
}
