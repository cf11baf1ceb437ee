package dev.defactify.training.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/** Reports with plain, rate-limited lines; meant for logs and redirected output. */
record LineReporter(PrintStream out, Duration interval, LongSupplier nanoClock) implements ProgressReporter {

    LineReporter {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(nanoClock, "nanoClock");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval " + interval + " must not be negative");
        }
    }

    @Override
    public Progress start(String taskName, long totalSteps, String unit) {
        return new LineProgress(new ProgressTracker(taskName, totalSteps, unit, nanoClock), out, interval.toNanos());
    }
}
