package dev.defactify.training.progress;

import java.util.Objects;
import java.util.function.LongSupplier;

/** Tracks progress without printing anything. */
record SilentReporter(LongSupplier nanoClock) implements ProgressReporter {

    SilentReporter {
        Objects.requireNonNull(nanoClock, "nanoClock");
    }

    @Override
    public Progress start(String taskName, long totalSteps, String unit) {
        return new SilentProgress(new ProgressTracker(taskName, totalSteps, unit, nanoClock));
    }
}
