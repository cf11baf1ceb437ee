package dev.defactify.training.progress;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/** The counters every {@link Progress} keeps, whatever it prints; guarded by its own lock. */
final class ProgressTracker {

    private final String taskName;
    private final long total;
    private final String unit;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final TreeMap<String, String> fields = new TreeMap<>();
    private long done;
    private boolean closed;

    ProgressTracker(String taskName, long total, String unit, LongSupplier nanoClock) {
        if (total < 0) {
            throw new IllegalArgumentException("task '" + taskName + "': total " + total + " must not be negative");
        }
        this.taskName = Objects.requireNonNull(taskName, "taskName");
        this.total = total;
        this.unit = Objects.requireNonNull(unit, "unit");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.startNanos = nanoClock.getAsLong();
    }

    synchronized void advance(long units, Map<String, String> newFields) {
        if (closed) {
            throw new IllegalStateException("task '" + taskName + "' is already closed");
        }
        if (units < 0) {
            throw new IllegalArgumentException("task '" + taskName + "': cannot step by " + units);
        }
        done += units;
        fields.putAll(newFields);
    }

    /** True only for the first call, so the summary is printed once. */
    synchronized boolean markClosed() {
        boolean first = !closed;
        closed = true;
        return first;
    }

    long now() {
        return nanoClock.getAsLong();
    }

    ProgressSnapshot snapshot() {
        return snapshotAt(now());
    }

    synchronized ProgressSnapshot snapshotAt(long nowNanos) {
        return new ProgressSnapshot(taskName, done, total, unit, Duration.ofNanos(nowNanos - startNanos), fields);
    }

    String taskName() {
        return taskName;
    }

    long startNanos() {
        return startNanos;
    }
}
