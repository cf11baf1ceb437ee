package dev.defactify.training.publish;

import java.util.Optional;

/** What {@code current.json} says is being served now, as far as the gate needs to know. */
public sealed interface Incumbent {

    /** No {@code current.json}: nothing has been promoted yet. */
    record None() implements Incumbent {
    }

    /** A readable pointer to a version whose manifest could be read. */
    record Current(String version, Optional<ValidationMetrics> validation) implements Incumbent {
    }

    /**
     * {@code current.json} exists but it, or the manifest it points at, cannot be read: nothing to compare against, so
     * only {@code --force} may replace it.
     */
    record Unreadable(String location, String reason) implements Incumbent {
    }
}
