package dev.defactify.function.batch;

import dev.defactify.function.events.S3Object;

/**
 * One task of an invocation. A task that names no usable object still gets an answer of its own, so one bad
 * manifest line never costs the others theirs.
 */
public sealed interface BatchTask {
    String taskId();

    /** An object to score, its key already URL-decoded. */
    record ObjectTask(String taskId, S3Object object) implements BatchTask {
    }

    /** No bucket, no key, or a key that is not URL-encoded: answered as a permanent failure, saying why. */
    record MalformedTask(String taskId, String reason) implements BatchTask {
    }
}
