package dev.defactify.training.progress;

import java.util.Map;

/** Counts like the others so {@link #snapshot()} stays useful, and checks misuse the same way. */
final class SilentProgress implements Progress {

    private final ProgressTracker tracker;

    SilentProgress(ProgressTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public void step(long units, Map<String, String> fields) {
        tracker.advance(units, fields);
    }

    @Override
    public ProgressSnapshot snapshot() {
        return tracker.snapshot();
    }

    @Override
    public void close() {
        tracker.markClosed();
    }
}
