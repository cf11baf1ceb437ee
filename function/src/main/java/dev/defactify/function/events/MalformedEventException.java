package dev.defactify.function.events;

/**
 * The event is not an S3 notification this function can act on: a record without a bucket or an object key, or
 * with a key that is not URL-encoded as S3 sends it. S3 never sends such a record, so the invocation fails with this
 * sentence instead of guessing, and Lambda hands it to the on-failure destination like any failed event.
 */
public final class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
