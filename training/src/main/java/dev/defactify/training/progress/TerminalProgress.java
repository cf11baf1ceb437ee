package dev.defactify.training.progress;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarConsumer;

/** A me.tongfei progress bar showing percent, counts, speed and ETA, with the extra fields as its message. */
final class TerminalProgress implements Progress {

    /** Redraws a few times a second: smooth enough to read, cheap next to a training step. */
    private static final int REDRAW_MILLIS = 250;

    private final ProgressTracker tracker;
    private final ProgressBar bar;
    private final OnceClosingConsumer consumer;
    private final PrintStream summaryOut;

    TerminalProgress(ProgressTracker tracker, ProgressBarConsumer consumer, PrintStream summaryOut) {
        this.tracker = tracker;
        this.summaryOut = summaryOut;
        this.consumer = new OnceClosingConsumer(consumer);
        ProgressSnapshot start = tracker.snapshot();
        this.bar = ProgressBar.builder()
                .setTaskName(start.taskName())
                .setInitialMax(start.total())
                .setUnit(" " + start.unit(), 1)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setUpdateIntervalMillis(REDRAW_MILLIS)
                .setConsumer(this.consumer)
                .build();
    }

    @Override
    public synchronized void step(long units, Map<String, String> fields) {
        tracker.advance(units, fields);
        bar.stepBy(units);
        if (!fields.isEmpty()) {
            // The library appends the message straight after the speed, without a separator.
            bar.setExtraMessage(" " + ProgressFormat.fields(tracker.snapshot().fields()));
        }
    }

    @Override
    public ProgressSnapshot snapshot() {
        return tracker.snapshot();
    }

    @Override
    public synchronized void close() {
        if (tracker.markClosed()) {
            bar.close();
            consumer.close();
            summaryOut.println(ProgressFormat.summaryLine(tracker.snapshot()));
        }
    }
}
