package dev.defactify.function.events;

/** What happened to one S3 event record. */
public sealed interface RecordOutcome {
    S3Object object();

    /** Scored; the result is at {@code resultKey}. */
    record Scored(S3Object object, String resultKey, String verdict) implements RecordOutcome {
    }

    /** Never scorable (not an image, too large): the problem was written as its result. */
    record Rejected(S3Object object, String resultKey, int status) implements RecordOutcome {
    }

    /** A result, or an object under the results prefix: ignored so results never trigger themselves. */
    record Ignored(S3Object object, String reason) implements RecordOutcome {
    }

    /** Could not be processed now (S3 error, model not loaded…): the invocation fails so Lambda retries it. */
    record Failed(S3Object object, String reason) implements RecordOutcome {
    }
}
