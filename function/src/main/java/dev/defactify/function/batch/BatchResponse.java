package dev.defactify.function.batch;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * What the function returns to S3 Batch Operations: the invocation's schema version and id echoed, and one result
 * per task in task order.
 *
 * @param treatMissingKeysAs what S3 Batch makes of a task that got no result: always {@code PermanentFailure},
 *                           so a task we somehow skipped shows up as failed rather than silently done
 */
@JsonPropertyOrder({"invocationSchemaVersion", "treatMissingKeysAs", "invocationId", "results"})
public record BatchResponse(String invocationSchemaVersion, ResultCode treatMissingKeysAs, String invocationId,
                            List<TaskResult> results) {
    public BatchResponse {
        results = List.copyOf(results);
    }

    static BatchResponse answering(BatchJob job, List<TaskResult> results) {
        return new BatchResponse(job.schema().version(), ResultCode.PERMANENT_FAILURE, job.invocationId(), results);
    }
}
