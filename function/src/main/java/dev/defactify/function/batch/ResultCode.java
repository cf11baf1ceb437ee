package dev.defactify.function.batch;

import com.fasterxml.jackson.annotation.JsonValue;

/** A task's {@code resultCode}, spelled as S3 Batch Operations expects it. */
public enum ResultCode {
    /** Done; the result string goes into the completion report. */
    SUCCEEDED("Succeeded"),
    /** S3 Batch retries the task before the job completes: throttling, S3 5xx, network, busy detector. */
    TEMPORARY_FAILURE("TemporaryFailure"),
    /** The task fails for good and counts toward the job's failure threshold. */
    PERMANENT_FAILURE("PermanentFailure");

    private final String wireName;

    ResultCode(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
