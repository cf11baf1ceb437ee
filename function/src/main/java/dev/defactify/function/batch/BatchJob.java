package dev.defactify.function.batch;

import java.util.List;
import java.util.Map;

/**
 * One invocation by an S3 Batch Operations job: what the response must echo (schema version, invocation id) and
 * the tasks, in the order their results must come back.
 *
 * @param jobId         for the logs; S3 Batch does not need it back
 * @param userArguments the job's key-value pairs (schema 2.0 only; empty for 1.0); none is read yet
 */
public record BatchJob(InvocationSchema schema, String invocationId, String jobId, Map<String, String> userArguments,
                       List<BatchTask> tasks) {
    public BatchJob {
        userArguments = Map.copyOf(userArguments);
        tasks = List.copyOf(tasks);
    }
}
