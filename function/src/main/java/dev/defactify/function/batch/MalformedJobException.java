package dev.defactify.function.batch;

/**
 * The invocation is not one S3 Batch Operations could have sent (wrong or missing schema version, no invocation
 * id, no tasks, a task without an id): there is nothing to answer task by task, so the invocation fails with this
 * message, which S3 Batch records for the task in its completion report.
 */
public final class MalformedJobException extends RuntimeException {
    public MalformedJobException(String message) {
        super(message);
    }

    public MalformedJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
