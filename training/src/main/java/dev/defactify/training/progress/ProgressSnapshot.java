package dev.defactify.training.progress;

import java.time.Duration;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state of a task at one instant, and the arithmetic derived from it.
 *
 * @param fields extra values such as the loss, sorted by name
 */
public record ProgressSnapshot(
        String taskName, long done, long total, String unit, Duration elapsed, SortedMap<String, String> fields) {

    public ProgressSnapshot {
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(elapsed, "elapsed");
        if (done < 0 || total < 0) {
            throw new IllegalArgumentException("done " + done + " and total " + total + " must not be negative");
        }
        fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
    }

    /** Share of the total done; an empty task counts as complete. May exceed 1 if more was done than announced. */
    public double fraction() {
        return total == 0 ? 1.0 : (double) done / total;
    }

    public boolean finished() {
        return done >= total;
    }

    /** Units per second since the start; empty before any time has passed. */
    public OptionalDouble unitsPerSecond() {
        if (elapsed.isZero() || elapsed.isNegative()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(done / seconds(elapsed));
    }

    /**
     * Time left at the average rate so far; empty until a unit is done, because nothing can be
     * extrapolated from no progress.
     */
    public Optional<Duration> eta() {
        if (done == 0 || elapsed.isNegative()) {
            return Optional.empty();
        }
        long remaining = Math.max(0, total - done);
        double nanos = (double) elapsed.toNanos() * remaining / done;
        return Optional.of(Duration.ofNanos(Math.round(nanos)));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
