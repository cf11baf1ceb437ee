package dev.defactify.function.lambda;

import com.amazonaws.services.lambda.runtime.events.S3BatchEvent;
import com.amazonaws.services.lambda.runtime.events.S3BatchEventV2;
import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.function.batch.MalformedJobException;
import dev.defactify.function.batch.TaskResult;
import dev.defactify.function.events.ObjectScorer;
import dev.defactify.function.testing.Json;
import dev.defactify.function.testing.S3FaultProxy;
import dev.defactify.function.testing.TestImages;
import dev.defactify.function.testing.TestModels;
import dev.defactify.testing.s3.S3TestServer;
import dev.defactify.testing.s3.SdkDefaults;
import dev.defactify.testing.s3.TestBucket;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3.model.Tag;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.defactify.function.testing.DetectionAssertions.assertDetection;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The S3 Batch Operations handler fed invocations of both schemas as raw JSON, the way the Lambda runtime hands a
 * stream handler its input, against the real S3-compatible server. Its S3 traffic goes through a loopback proxy that
 * answers chosen requests with real S3 errors, so throttling and denied writes come over HTTP like the real thing.
 */
@ExtendWith(S3TestServer.Extension.class)
class BatchOperationsHandlerTest {
    static final String INPUT_BUCKET = LambdaHandlersTest.INPUT_BUCKET;
    static final String IMAGE_KEY = LambdaHandlersTest.IMAGE_KEY;
    /** Small enough for a noisy PNG to exceed, large enough for the bundled 8 KiB JPEG. */
    static final int MAX_IMAGE_BYTES = 64 * 1024;
    static final String SCORED = "(real|ai-generated) [01]\\.\\d{3} \\S+ -> ";

    static SdkDefaults sdk;
    static S3FaultProxy proxy;
    static TestBucket input;
    static ApplicationContext context;
    static BatchOperationsHandler handler;

    @BeforeAll
    static void start(S3TestServer server) {
        sdk = server.useAsSdkDefaults();
        proxy = S3FaultProxy.inFrontOf(server.endpoint());
        // The function's own client goes through the proxy; the test's client talks to the server directly.
        System.setProperty("aws.endpointUrlS3", proxy.endpoint().toString());
        input = server.bucketNamed(INPUT_BUCKET);
        input.put(IMAGE_KEY, TestImages.bundledJpeg());
        input.put("batch/notes.jpg", "shopping list, not a photo".getBytes(StandardCharsets.UTF_8));
        input.put("batch/huge.png", TestImages.png(480, 480, 3));
        input.put("batch/a+b = c.jpg", TestImages.jpeg(120, 90, 5));
        input.put("batch/throttled.jpg", TestImages.jpeg(120, 90, 6));
        input.put("batch/dropped.jpg", TestImages.jpeg(120, 90, 4));
        input.put("batch/flaky-write.jpg", TestImages.jpeg(120, 90, 7));
        input.put("batch/denied-write.jpg", TestImages.jpeg(120, 90, 8));
        proxy.fail(new S3FaultProxy.Fault("GET", "/batch/throttled.jpg", 503, "SlowDown"));
        proxy.fail(new S3FaultProxy.Fault("GET", "/batch/dropped.jpg", S3FaultProxy.DROP, "connection reset"));
        proxy.fail(new S3FaultProxy.Fault("PUT", "/results/batch/flaky-write.jpg.json", 500, "InternalError"));
        proxy.fail(new S3FaultProxy.Fault("PUT", "/results/batch/denied-write.jpg.json", 403, "AccessDenied"));
        context = ApplicationContext.builder().properties(Map.of("model.uri", TestModels.small().toString(),
                "allowed.buckets", INPUT_BUCKET, "max.image.bytes", MAX_IMAGE_BYTES)).start();
        handler = new BatchOperationsHandler(context);
    }

    @AfterAll
    static void stop() {
        context.close();
        proxy.close();
        sdk.close();
    }

    @Test
    void schema1EventFileIsScoredAndAnsweredInKind() {
        String event = LambdaEvents.json("s3-batch-v1.json");
        S3BatchEvent asTheRuntimeReadsIt = LambdaEvents.fromJson(event, S3BatchEvent.class);
        assertEquals("arn:aws:s3:::" + INPUT_BUCKET, asTheRuntimeReadsIt.getTasks().get(0).getS3BucketArn());

        JsonNode response = invoke(event);
        assertEquals("1.0", response.get("invocationSchemaVersion").asText());
        assertEquals("PermanentFailure", response.get("treatMissingKeysAs").asText());
        assertEquals(asTheRuntimeReadsIt.getInvocationId(), response.get("invocationId").asText());
        assertEquals(List.of("invocationSchemaVersion", "treatMissingKeysAs", "invocationId", "results"),
                fieldNames(response));
        JsonNode result = response.get("results").get(0);
        assertEquals(List.of("taskId", "resultCode", "resultString"), fieldNames(result));
        assertEquals(asTheRuntimeReadsIt.getTasks().get(0).getTaskId(), result.get("taskId").asText());
        assertEquals("Succeeded", result.get("resultCode").asText(), result.toString());
        String resultKey = "results/" + IMAGE_KEY + ".json";
        assertTrue(result.get("resultString").asText().matches(SCORED + java.util.regex.Pattern.quote(resultKey)),
                result.toString());

        JsonNode written = Json.parse(input.get(resultKey));
        assertEquals(INPUT_BUCKET, written.get("bucket").asText());
        assertEquals(IMAGE_KEY, written.get("key").asText(), "%20 and %C3%A9 arrive encoded and are decoded");
        assertDetection(written, 320, 256, "jpeg");
    }

    @Test
    void schema2EventFileScoresTheImageAndSkipsItsOwnResult() {
        String event = LambdaEvents.json("s3-batch-v2.json");
        S3BatchEventV2 asTheRuntimeReadsIt = LambdaEvents.fromJson(event, S3BatchEventV2.class);
        assertEquals(INPUT_BUCKET, asTheRuntimeReadsIt.getTasks().get(0).getS3Bucket());
        assertEquals("back-fill", asTheRuntimeReadsIt.getJob().getUserArguments().get("reason"));

        JsonNode response = invoke(event);
        assertEquals("2.0", response.get("invocationSchemaVersion").asText());
        assertEquals(asTheRuntimeReadsIt.getInvocationId(), response.get("invocationId").asText());
        JsonNode results = response.get("results");
        assertEquals(2, results.size());
        assertEquals(asTheRuntimeReadsIt.getTasks().get(0).getTaskId(), results.get(0).get("taskId").asText());
        assertEquals("Succeeded", results.get(0).get("resultCode").asText(), results.toString());
        assertTrue(results.get(0).get("resultString").asText().matches(SCORED + "results/uploads/street scene été\\.jpg\\.json"),
                results.toString());
        assertEquals(asTheRuntimeReadsIt.getTasks().get(1).getTaskId(), results.get(1).get("taskId").asText());
        assertEquals("Succeeded", results.get(1).get("resultCode").asText());
        assertEquals("skipped: under the results prefix results/", results.get(1).get("resultString").asText());
        assertTrue(input.keys("results/results/").isEmpty(), "a result is never scored as an image");
    }

    /**
     * A tag write S3 throttles (past the SDK's own retries) fails the task temporarily, after the result is
     * written; S3 Batch's retry keeps that result byte for byte and only tags. Before, the task succeeded and the
     * image stayed untagged, out of reach of lifecycle rules.
     */
    @Test
    void aTagWriteS3RefusesForNowIsRetriedAndTheRetryOnlyTags() {
        String key = "batch/untaggable.jpg";
        String resultKey = "results/" + key + ".json";
        input.put(key, TestImages.jpeg(120, 90, 9));
        S3FaultProxy.Fault tagging = new S3FaultProxy.Fault("PUT", "/" + key, 503, "SlowDown");
        proxy.fail(tagging);
        JsonNode first;
        try {
            first = invoke(invocation("2.0", task("t1", INPUT_BUCKET, key, "2.0"))).get("results").get(0);
        } finally {
            proxy.stopFailing(tagging);
        }
        assertEquals("TemporaryFailure", first.get("resultCode").asText(), first.toString());
        assertTrue(first.get("resultString").asText().startsWith("tagging s3://" + INPUT_BUCKET + "/" + key
                + " failed (its result is written; a retry keeps it and tags again)"), first.toString());
        byte[] written = input.get(resultKey);
        assertTrue(input.s3().getObjectTagging(b -> b.bucket(INPUT_BUCKET).key(key)).tagSet().isEmpty());

        JsonNode retry = invoke(invocation("2.0", task("t1", INPUT_BUCKET, key, "2.0"))).get("results").get(0);
        assertEquals("Succeeded", retry.get("resultCode").asText(), retry.toString());
        assertArrayEquals(written, input.get(resultKey), "the retry keeps the result it found");
        Map<String, String> tags = input.s3().getObjectTagging(b -> b.bucket(INPUT_BUCKET).key(key)).tagSet()
                .stream().collect(Collectors.toMap(Tag::key, Tag::value));
        assertEquals(Json.parse(written).get("verdict").asText(), tags.get(ObjectScorer.VERDICT_TAG));
    }

    /** The same key, encoded the ways a manifest or S3 Inventory may list it, in either schema. */
    @ParameterizedTest
    @CsvSource({
            "1.0, batch/a%2Bb%20%3D%20c.jpg",
            "2.0, batch/a%2Bb+%3D+c.jpg",
            "2.0, batch%2Fa%2Bb%20%3D%20c.jpg"})
    void keysArriveUrlEncodedInBothSchemas(String schema, String encodedKey) {
        JsonNode result = invoke(invocation(schema, task("t1", INPUT_BUCKET, encodedKey, schema))).get("results").get(0);
        assertEquals("Succeeded", result.get("resultCode").asText(), result.toString());
        assertTrue(result.get("resultString").asText().endsWith(" -> results/batch/a+b = c.jpg.json"), result.toString());
        assertEquals("batch/a+b = c.jpg", Json.parse(input.get("results/batch/a+b = c.jpg.json")).get("key").asText());
    }

    @Test
    void everyTaskIsAnsweredInItsOwnOrderWhateverTheOthersDo() {
        List<String> tasks = List.of(
                task("ok", INPUT_BUCKET, encode(IMAGE_KEY), "2.0"),
                task("text", INPUT_BUCKET, "batch/notes.jpg", "2.0"),
                task("throttled", INPUT_BUCKET, "batch/throttled.jpg", "2.0"),
                task("missing", INPUT_BUCKET, "batch/never-uploaded.jpg", "2.0"),
                task("huge", INPUT_BUCKET, "batch/huge.png", "2.0"),
                task("elsewhere", "someone-elses-bucket", "uploads/x.jpg", "2.0"),
                "{\"taskId\": \"no-key\", \"s3Bucket\": \"" + INPUT_BUCKET + "\", \"s3VersionId\": null}",
                task("ok-again", INPUT_BUCKET, encode(IMAGE_KEY), "2.0"));
        JsonNode results = invoke(invocation("2.0", tasks.toArray(String[]::new))).get("results");

        assertEquals(List.of("ok", "text", "throttled", "missing", "huge", "elsewhere", "no-key", "ok-again"),
                column(results, "taskId"));
        assertEquals(List.of("Succeeded", "PermanentFailure", "TemporaryFailure", "PermanentFailure",
                "PermanentFailure", "PermanentFailure", "PermanentFailure", "Succeeded"),
                column(results, "resultCode"), results.toString());
        List<String> strings = column(results, "resultString");
        assertTrue(strings.get(1).startsWith("415 Not a supported image: "), strings.get(1));
        assertTrue(strings.get(1).endsWith("(problem written to results/batch/notes.jpg.json)"), strings.get(1));
        assertTrue(strings.get(2).contains("S3 answered 503"), strings.get(2));
        assertTrue(strings.get(3).startsWith("404 Object not found: "), strings.get(3));
        assertTrue(strings.get(4).startsWith("413 Image too large: "), strings.get(4));
        assertTrue(strings.get(4).contains("MAX_IMAGE_BYTES"), strings.get(4));
        assertTrue(strings.get(5).contains("not in ALLOWED_BUCKETS"), strings.get(5));
        assertEquals("malformed task: no s3Key", strings.get(6));
        strings.forEach(text -> assertFalse(text.contains("\n") || text.contains("\tat "), text));

        assertEquals(415, Json.parse(input.get("results/batch/notes.jpg.json")).get("error").get("status").asInt(),
                "a permanent problem is written as the result, as for S3 events");
        assertTrue(input.keys("results/batch/throttled").isEmpty(), "nothing is written for a temporary failure");
        assertTrue(proxy.faultsAnswered().stream().anyMatch(line -> line.startsWith("GET /" + INPUT_BUCKET
                + "/batch/throttled.jpg -> 503")), proxy.faultsAnswered().toString());
    }

    @Test
    void aServerErrorWhenWritingTheResultIsRetriedByS3Batch() {
        JsonNode result = invoke(invocation("1.0", task("flaky", INPUT_BUCKET, "batch/flaky-write.jpg", "1.0")))
                .get("results").get(0);
        assertEquals("TemporaryFailure", result.get("resultCode").asText(), result.toString());
        assertTrue(result.get("resultString").asText().startsWith("writing s3://" + INPUT_BUCKET
                + "/results/batch/flaky-write.jpg.json failed: "), result.toString());
    }

    @Test
    void aNetworkFailureIsRetriedByS3Batch() {
        JsonNode result = invoke(invocation("2.0", task("dropped", INPUT_BUCKET, "batch/dropped.jpg", "2.0")))
                .get("results").get(0);
        assertEquals("TemporaryFailure", result.get("resultCode").asText(), result.toString());
        assertTrue(result.get("resultString").asText().startsWith("Storage unavailable: reading s3://" + INPUT_BUCKET
                + "/batch/dropped.jpg failed: "), result.toString());
    }

    @Test
    void accessDeniedWhenWritingTheResultIsPermanent() {
        JsonNode result = invoke(invocation("1.0", task("denied", INPUT_BUCKET, "batch/denied-write.jpg", "1.0")))
                .get("results").get(0);
        assertEquals("PermanentFailure", result.get("resultCode").asText(), result.toString());
        assertTrue(result.get("resultString").asText().contains("Status Code: 403"), result.toString());
    }

    @Test
    void aResultStringStaysWithinItsBoundEvenForTheLongestKey() {
        String longKey = "batch/" + "é".repeat(500) + ".jpg"; // 1,010 UTF-8 bytes, S3's limit is 1,024
        JsonNode result = invoke(invocation("2.0", task("long", INPUT_BUCKET, encode(longKey), "2.0")))
                .get("results").get(0);
        assertEquals("PermanentFailure", result.get("resultCode").asText());
        String text = result.get("resultString").asText();
        assertTrue(text.length() <= TaskResult.MAX_RESULT_STRING, text.length() + " characters");
        assertTrue(text.startsWith("404 Object not found: ") && text.endsWith("…"), text);
    }

    @Test
    void malformedTasksAreAnsweredOneByOne() {
        JsonNode results = invoke(invocation("1.0",
                "{\"taskId\": \"arn-less\", \"s3Key\": \"batch/x.jpg\", \"s3VersionId\": null, \"s3BucketArn\": \"\"}",
                "{\"taskId\": \"v2-field-in-v1\", \"s3Key\": \"batch/x.jpg\", \"s3Bucket\": \"" + INPUT_BUCKET + "\"}",
                task("bad-escape", INPUT_BUCKET, "batch/100%.jpg", "1.0"),
                task("fine", INPUT_BUCKET, encode(IMAGE_KEY), "1.0"))).get("results");
        assertEquals(List.of("PermanentFailure", "PermanentFailure", "PermanentFailure", "Succeeded"),
                column(results, "resultCode"), results.toString());
        List<String> strings = column(results, "resultString");
        assertTrue(strings.get(0).startsWith("malformed task: no bucket: schema 1.0 names it in s3BucketArn"), strings.get(0));
        assertTrue(strings.get(1).startsWith("malformed task: no bucket"), strings.get(1));
        assertTrue(strings.get(2).startsWith("malformed task: s3Key \"batch/100%.jpg\" is not URL-encoded"), strings.get(2));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "this is not json                                                   | not JSON",
            "[1, 2]                                                             | expected a JSON object, got array",
            "{\"invocationId\": \"i\", \"tasks\": []}                           | invocationSchemaVersion is missing",
            "{\"invocationSchemaVersion\": \"3.0\", \"invocationId\": \"i\"}    | invocationSchemaVersion is \"3.0\"; this function reads 1.0 and 2.0",
            "{\"invocationSchemaVersion\": \"1.0\", \"tasks\": [{}]}            | without an invocationId",
            "{\"invocationSchemaVersion\": \"2.0\", \"invocationId\": \"i\"}    | invocation i has no tasks",
            "{\"invocationSchemaVersion\": \"2.0\", \"invocationId\": \"i\", \"tasks\": []} | invocation i has no tasks",
            "{\"invocationSchemaVersion\": \"2.0\", \"invocationId\": \"i\", \"tasks\": [{\"s3Key\": \"k\"}]} | task 0 of the S3 Batch Operations invocation has no taskId"})
    void aMalformedInvocationFailsWithASentence(String event, String expected) {
        MalformedJobException e = assertThrows(MalformedJobException.class, () -> invoke(event.strip()));
        assertTrue(e.getMessage().contains(expected.strip()), e.getMessage());
    }

    /** Found by BatchJobFuzzTest: Jackson reads these bytes as UTF-32 and fails with an I/O exception. */
    @Test
    void bytesThatAreNotJsonTextFailWithASentence() {
        byte[] utf32 = {0, 0, 0, '{', (byte) 0xFF, 0, 0, 0};
        MalformedJobException e = assertThrows(MalformedJobException.class, () -> handler.handleRequest(
                new ByteArrayInputStream(utf32), new ByteArrayOutputStream(), new MockLambdaContext()));
        assertTrue(e.getMessage().startsWith("not an S3 Batch Operations invocation: not JSON"), e.getMessage());
    }

    /** The S3-event finding of S3EventFuzzTest (S3Location refusing the bucket) reached tasks as an "unexpected error". */
    @Test
    void aTaskNamingABucketS3CannotHoldFailsForGood() {
        JsonNode answer = invoke("{\"invocationSchemaVersion\": \"2.0\", \"invocationId\": \"i\", \"tasks\": ["
                + "{\"taskId\": \"t\", \"s3Bucket\": \"in/put\", \"s3Key\": \"k.jpg\"}]}");
        JsonNode result = answer.get("results").get(0);
        assertEquals("PermanentFailure", result.get("resultCode").asText());
        assertTrue(result.get("resultString").asText().startsWith("not an S3 object: not an S3 bucket name"),
                result.toString());
    }

    @Test
    void resultStringsAreSingleBoundedLines() {
        TaskResult result = new TaskResult("t", dev.defactify.function.batch.ResultCode.PERMANENT_FAILURE,
                "first line\nsecond\tline " + "x".repeat(5000));
        assertEquals(TaskResult.MAX_RESULT_STRING, result.resultString().length());
        assertTrue(result.resultString().startsWith("first line second line x"), result.resultString());
        assertEquals("ok", new TaskResult("t", dev.defactify.function.batch.ResultCode.SUCCEEDED, " ok\r\n")
                .resultString());
    }

    private static JsonNode invoke(String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                    new MockLambdaContext());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Json.parse(out.toByteArray());
    }

    private static String invocation(String schema, String... tasks) {
        return "{\"invocationSchemaVersion\": \"" + schema + "\", \"invocationId\": \"inv-" + schema + "\","
                + " \"job\": {\"id\": \"job-1\"}, \"tasks\": [" + String.join(", ", tasks) + "]}";
    }

    private static String task(String taskId, String bucket, String encodedKey, String schema) {
        String where = schema.equals("1.0") ? "\"s3BucketArn\": \"arn:aws:s3:::" + bucket + "\""
                : "\"s3Bucket\": \"" + bucket + "\"";
        return "{\"taskId\": \"" + taskId + "\", \"s3Key\": \"" + encodedKey + "\", \"s3VersionId\": null, " + where + "}";
    }

    /** As a manifest lists a key: percent-encoded UTF-8, {@code +} for a space. */
    private static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static List<String> column(JsonNode results, String field) {
        List<String> values = new ArrayList<>();
        results.forEach(result -> values.add(result.get(field).asText()));
        return values;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
