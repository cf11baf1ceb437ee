package dev.defactify.training.progress;

import java.util.Map;

/**
 * The handle of one running task. Safe to call from several threads. Closing prints a summary line
 * (except for the silent reporter) whether or not every step was done, so an aborted epoch still
 * leaves a trace; closing twice is harmless, stepping after close is an error.
 */
public sealed interface Progress extends AutoCloseable permits LineProgress, TerminalProgress, SilentProgress {

    /** Records {@code units} more units done. */
    default void step(long units) {
        step(units, Map.of());
    }

    /**
     * Records {@code units} more units done and updates extra fields shown after the counters. A field
     * keeps its last value until updated again; fields are shown sorted by name so lines stay stable.
     *
     * @param fields for example {@code Map.of("loss", "0.412")}; the caller chooses the number format
     */
    void step(long units, Map<String, String> fields);

    /** The counters as of now. */
    ProgressSnapshot snapshot();

    @Override
    void close();
}
