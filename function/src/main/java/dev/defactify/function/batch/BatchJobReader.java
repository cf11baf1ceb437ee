package dev.defactify.function.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.function.events.S3Object;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an invocation of either schema from its JSON tree. Our own reader rather than the events library's
 * {@code S3BatchEvent}/{@code S3BatchEventV2}: one handler serves both schemas, so the version has to be read
 * before the shape is known, and every missing field must become a sentence, not a null further down.
 *
 * <p>{@code s3Key} is URL-encoded in both schemas: the S3 User Guide's "Invoke AWS Lambda function" page says
 * keys from S3 Batch Operations are URL encoded and must be decoded, and a CSV manifest must list them encoded
 * in the first place. It is decoded like an S3 event key ({@code +} is a space), as Powertools for AWS Lambda
 * (Python) does for 1.0 and 2.0 alike; a literal {@code +} arrives as {@code %2B}, so nothing is lost.
 */
public final class BatchJobReader {
    private BatchJobReader() {
    }

    /**
     * @throws MalformedJobException when the invocation as a whole cannot be answered
     */
    public static BatchJob read(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new MalformedJobException("not an S3 Batch Operations invocation: expected a JSON object, got "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        String version = text(root, "invocationSchemaVersion");
        InvocationSchema schema = InvocationSchema.of(version).orElseThrow(() -> new MalformedJobException(
                "not an S3 Batch Operations invocation: invocationSchemaVersion is "
                        + (version == null ? "missing" : "\"" + version + "\"") + "; this function reads 1.0 and 2.0"));
        String invocationId = text(root, "invocationId");
        if (invocationId == null) {
            throw new MalformedJobException("S3 Batch Operations invocation without an invocationId");
        }
        JsonNode tasks = root.get("tasks");
        if (tasks == null || !tasks.isArray() || tasks.isEmpty()) {
            throw new MalformedJobException("S3 Batch Operations invocation " + invocationId + " has no tasks");
        }
        JsonNode job = root.path("job");
        List<BatchTask> read = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            read.add(task(schema, tasks.get(i), i));
        }
        return new BatchJob(schema, invocationId, text(job, "id"), userArguments(job.get("userArguments")), read);
    }

    private static BatchTask task(InvocationSchema schema, JsonNode task, int index) {
        String taskId = text(task, "taskId");
        if (taskId == null) {
            // Without its id a result cannot be matched to its task: the whole invocation is unanswerable.
            throw new MalformedJobException("task " + index + " of the S3 Batch Operations invocation has no taskId");
        }
        String bucket = switch (schema) {
            case V1 -> bucketOfArn(text(task, "s3BucketArn"));
            case V2 -> text(task, "s3Bucket");
        };
        if (bucket == null) {
            return new BatchTask.MalformedTask(taskId, "no bucket: schema " + schema.version() + " names it in "
                    + (schema == InvocationSchema.V1 ? "s3BucketArn (arn:aws:s3:::bucket)" : "s3Bucket"));
        }
        String encodedKey = text(task, "s3Key");
        if (encodedKey == null) {
            return new BatchTask.MalformedTask(taskId, "no s3Key");
        }
        try {
            return new BatchTask.ObjectTask(taskId, S3Object.fromEvent(bucket, encodedKey, text(task, "s3VersionId"),
                    null));
        } catch (IllegalArgumentException e) {
            return new BatchTask.MalformedTask(taskId, "s3Key \"" + encodedKey + "\" is not URL-encoded: "
                    + e.getMessage());
        }
    }

    /** {@code arn:aws:s3:::bucket}; older examples carry a region and account, so the name is what follows the last colon. */
    private static String bucketOfArn(String arn) {
        if (arn == null || !arn.startsWith("arn:") || arn.endsWith(":")) {
            return null;
        }
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    private static Map<String, String> userArguments(JsonNode node) {
        Map<String, String> arguments = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(entry -> arguments.put(entry.getKey(), entry.getValue().asText()));
        }
        return arguments;
    }

    /** The field's text, or null when it is absent, null, not text, or blank. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isTextual() || value.asText().isBlank() ? null : value.asText();
    }
}
