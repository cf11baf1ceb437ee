package dev.defactify.training.progress;

import java.io.PrintStream;
import java.util.Map;

/**
 * Prints a progress line when at least one interval has passed since the last one (or since the
 * start), checked on each step, so a fast loop prints nothing until the interval is up and a
 * short task prints only its summary.
 */
final class LineProgress implements Progress {

    private final ProgressTracker tracker;
    private final PrintStream out;
    private final long intervalNanos;
    private long lastPrintedNanos;

    LineProgress(ProgressTracker tracker, PrintStream out, long intervalNanos) {
        this.tracker = tracker;
        this.out = out;
        this.intervalNanos = intervalNanos;
        this.lastPrintedNanos = tracker.startNanos();
    }

    @Override
    public synchronized void step(long units, Map<String, String> fields) {
        tracker.advance(units, fields);
        long now = tracker.now();
        if (now - lastPrintedNanos >= intervalNanos) {
            out.println(ProgressFormat.progressLine(tracker.snapshotAt(now)));
            lastPrintedNanos = now;
        }
    }

    @Override
    public ProgressSnapshot snapshot() {
        return tracker.snapshot();
    }

    @Override
    public synchronized void close() {
        if (tracker.markClosed()) {
            out.println(ProgressFormat.summaryLine(tracker.snapshot()));
        }
    }
}
