package dev.defactify.function.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.function.events.MalformedEventException;
import dev.defactify.function.events.RecordOutcome;
import dev.defactify.function.events.RecordsFailedException;
import dev.defactify.function.events.ObjectScorer;
import dev.defactify.function.events.S3EventReport;
import dev.defactify.function.testing.Json;
import dev.defactify.function.web.SecurityHeaders;
import dev.defactify.testing.s3.S3TestServer;
import dev.defactify.testing.s3.SdkDefaults;
import dev.defactify.testing.s3.TestBucket;
import dev.defactify.function.testing.TestImages;
import dev.defactify.function.testing.TestModels;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.Tag;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.defactify.function.testing.DetectionAssertions.assertDetection;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three Lambda entry points fed the files in function/events/ exactly as the runtime deserializes them,
 * against the real S3-compatible server.
 */
@ExtendWith(S3TestServer.Extension.class)
class LambdaHandlersTest {
    /** Bucket and key named in events/s3-put.json and events/api-gateway-v2.json. */
    static final String INPUT_BUCKET = "defactify-input";
    static final String IMAGE_KEY = "uploads/street scene été.jpg";

    static SdkDefaults sdk;
    static TestBucket input;
    static ApplicationContext context;

    @BeforeAll
    static void start(S3TestServer server) {
        sdk = server.useAsSdkDefaults();
        input = server.bucketNamed(INPUT_BUCKET);
        input.put(IMAGE_KEY, TestImages.bundledJpeg());
        context = ApplicationContext.builder().properties(Map.of("model.uri", TestModels.small().toString(),
                "allowed.buckets", INPUT_BUCKET)).start();
    }

    @AfterAll
    static void stop() {
        context.close();
        sdk.close();
    }

    @Test
    void restApiEventWithABase64ImageBody() {
        APIGatewayProxyRequestEvent event = LambdaEvents.read("api-gateway-v1.json", APIGatewayProxyRequestEvent.class);
        assertTrue(event.getIsBase64Encoded());
        APIGatewayProxyResponseEvent response = new ApiGatewayRestHandler(context).handleRequest(event,
                new MockLambdaContext());
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode json = Json.parse(response.getBody());
        assertDetection(json, 320, 256, "jpeg");
        assertNotNull(json.get("explanation"), "the event asks for explain=true");
    }

    @Test
    void restApiProblemsKeepTheirStatusAndMediaType() {
        APIGatewayProxyRequestEvent event = LambdaEvents.read("api-gateway-v1.json", APIGatewayProxyRequestEvent.class);
        event.setBody(Base64.getEncoder().encodeToString("this is text".getBytes()));
        APIGatewayProxyResponseEvent response = new ApiGatewayRestHandler(context).handleRequest(event,
                new MockLambdaContext());
        assertEquals(415, response.getStatusCode(), response.getBody());
        assertEquals("application/problem+json", header(response.getHeaders(), response.getMultiValueHeaders()));
        assertEquals(415, Json.parse(response.getBody()).get("status").asInt());
    }

    /**
     * Through API Gateway the page is the same page: text, not base64 (it is not one of the API's binary media
     * types), with the policy the browser enforces; and the API's description beside it.
     */
    @ParameterizedTest
    @CsvSource({"/, text/html;charset=utf-8, <title>Defactify", "/web/app.js, text/javascript;charset=utf-8, 'use strict'",
            "/openapi.yaml, application/yaml, 'openapi: 3.0.1'"})
    void thePageAndTheApiDescriptionAreServedThroughTheRestApi(String path, String type, String starts) {
        APIGatewayProxyRequestEvent event = LambdaEvents.read("api-gateway-v1.json", APIGatewayProxyRequestEvent.class);
        event.setHttpMethod("GET");
        event.setPath(path);
        event.setResource(path);
        event.setPathParameters(null);
        event.setQueryStringParameters(null);
        event.setMultiValueQueryStringParameters(null);
        event.setBody(null);
        event.setIsBase64Encoded(false);
        Map<String, String> headers = new java.util.HashMap<>(event.getHeaders());
        headers.remove("Content-Type");
        headers.put("Accept", "text/html,*/*");
        event.setHeaders(headers);
        event.setMultiValueHeaders(null);
        APIGatewayProxyResponseEvent response = new ApiGatewayRestHandler(context).handleRequest(event,
                new MockLambdaContext());
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(type, header(response.getHeaders(), response.getMultiValueHeaders()));
        assertTrue(!Boolean.TRUE.equals(response.getIsBase64Encoded()), "text goes as text");
        assertTrue(response.getBody().contains(starts), response.getBody());
        assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY, header("Content-Security-Policy", response.getHeaders(),
                response.getMultiValueHeaders()));
    }

    @Test
    void httpApiEventWithAnS3Uri() {
        APIGatewayV2HTTPEvent event = LambdaEvents.read("api-gateway-v2.json", APIGatewayV2HTTPEvent.class);
        APIGatewayV2HTTPResponse response = new ApiGatewayHttpHandler(context).handleRequest(event,
                new MockLambdaContext());
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode json = Json.parse(response.getBody());
        assertDetection(json, 320, 256, "jpeg");
        assertTrue(json.get("timingsMs").get("fetch").asDouble() > 0);
    }

    @Test
    void s3PutEventWritesTheResultUnderTheResultsPrefix() {
        input.s3().putObjectTagging(b -> b.bucket(INPUT_BUCKET).key(IMAGE_KEY).tagging(t -> t.tagSet(
                Tag.builder().key("owner").value("newsroom").build())));
        S3Event event = LambdaEvents.read("s3-put.json", S3Event.class);
        List<RecordOutcome> outcomes = new S3EventHandler(context).handleRequest(event, new MockLambdaContext())
                .outcomes();
        RecordOutcome.Scored scored = assertInstanceOf(RecordOutcome.Scored.class, outcomes.get(0));
        assertEquals(IMAGE_KEY, scored.object().key(), "the key arrives URL-encoded and is decoded");
        assertEquals("results/" + IMAGE_KEY + ".json", scored.resultKey());
        JsonNode result = Json.parse(input.get(scored.resultKey()));
        assertEquals(INPUT_BUCKET, result.get("bucket").asText());
        assertEquals(IMAGE_KEY, result.get("key").asText());
        assertFalse(result.get("eTag").asText().isBlank());
        assertDetection(result, 320, 256, "jpeg");
        Map<String, String> tags = input.s3().getObjectTagging(b -> b.bucket(INPUT_BUCKET).key(IMAGE_KEY)).tagSet()
                .stream().collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value));
        assertEquals(result.get("verdict").asText(), tags.get(ObjectScorer.VERDICT_TAG));
        assertEquals(result.get("source").get("label").asText(), tags.get(ObjectScorer.SOURCE_TAG));
        assertEquals("model", tags.get(ObjectScorer.BASIS_TAG));
        assertEquals("newsroom", tags.get("owner"), "the owner's own tags are kept");
    }

    @Test
    void anImageWhoseValidManifestDecidesIsTaggedWithThatBasis() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        byte[] signed = dev.defactify.testing.c2pa.TestManifests.signedJpeg(TestImages.jpeg(320, 256, 5),
                dev.defactify.testing.c2pa.TestManifests.Spec.generative(dev.defactify.testing.c2pa.TestManifests
                        .credentials(now.minusSeconds(3600), now.plusSeconds(86_400))));
        input.put("uploads/signed.jpg", signed);
        RecordOutcome.Scored scored = assertInstanceOf(RecordOutcome.Scored.class, new S3EventHandler(context)
                .handleRequest(eventFor(INPUT_BUCKET, "uploads/signed.jpg"), new MockLambdaContext()).outcomes()
                .get(0));
        JsonNode result = Json.parse(input.get(scored.resultKey()));
        assertEquals("provenance", result.get("basis").asText());
        assertEquals("ai-generated", result.get("verdict").asText());
        Map<String, String> tags = input.s3().getObjectTagging(b -> b.bucket(INPUT_BUCKET).key("uploads/signed.jpg"))
                .tagSet().stream().collect(java.util.stream.Collectors.toMap(Tag::key, Tag::value));
        assertEquals("ai-generated", tags.get(ObjectScorer.VERDICT_TAG));
        assertEquals("provenance", tags.get(ObjectScorer.BASIS_TAG));
    }

    /** The runtime serializes what a handler returns with its own Jackson; a failure there would fail the invocation. */
    @Test
    void theS3HandlersSummaryIsSerializableByTheLambdaRuntime() throws Exception {
        S3EventReport report = new S3EventHandler(context).handleRequest(
                eventFor(INPUT_BUCKET, "results/ignored.json"), new MockLambdaContext());
        java.lang.reflect.Type type = S3EventHandler.class.getMethod("execute", S3Event.class).getGenericReturnType();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory.getInstance().getSerializer(type)
                .toJson(report, out);
        JsonNode json = Json.parse(out.toByteArray());
        assertEquals(1, json.get("ignored").asInt(), json.toString());
        assertEquals(0, json.get("scored").asInt());
        assertTrue(json.get("records").get(0).asText().startsWith("s3://defactify-input/results/ignored.json -> ignored"),
                json.toString());
    }

    @Test
    void objectsUnderTheResultsPrefixNeverTriggerScoring() {
        S3Event event = eventFor(INPUT_BUCKET, "results/" + IMAGE_KEY.replace(" ", "+") + ".json");
        int before = input.keys("results/").size();
        List<RecordOutcome> outcomes = new S3EventHandler(context).handleRequest(event, new MockLambdaContext())
                .outcomes();
        assertInstanceOf(RecordOutcome.Ignored.class, outcomes.get(0));
        assertEquals(before, input.keys("results/").size());
    }

    @Test
    void anObjectThatIsNotAnImageGetsItsProblemRecordedAsTheResult() {
        input.put("uploads/notes.txt.jpg", "shopping list".getBytes());
        List<RecordOutcome> outcomes = new S3EventHandler(context).handleRequest(
                eventFor(INPUT_BUCKET, "uploads/notes.txt.jpg"), new MockLambdaContext()).outcomes();
        RecordOutcome.Rejected rejected = assertInstanceOf(RecordOutcome.Rejected.class, outcomes.get(0));
        assertEquals(415, rejected.status());
        JsonNode result = Json.parse(input.get("results/uploads/notes.txt.jpg.json"));
        assertEquals(415, result.get("error").get("status").asInt());
        assertEquals("uploads/notes.txt.jpg", result.get("key").asText());
    }

    /**
     * Lambda retries a whole event when one record fails, so records already done come again: their results must
     * stay as written (scoring again would change the timings), yet an object uploaded anew is scored anew.
     */
    @Test
    void aRetriedRecordKeepsItsEarlierResultAndNewBytesUnderTheSameKeyAreScoredAgain() {
        String key = "uploads/retried.jpg";
        String resultKey = "results/" + key + ".json";
        S3EventHandler handler = new S3EventHandler(context);
        input.put(key, TestImages.jpeg(120, 90, 3));
        handler.handleRequest(eventFor(INPUT_BUCKET, key), new MockLambdaContext());
        byte[] first = input.get(resultKey);

        RecordOutcome.Scored again = assertInstanceOf(RecordOutcome.Scored.class,
                handler.handleRequest(eventFor(INPUT_BUCKET, key), new MockLambdaContext()).outcomes().get(0));
        assertEquals(Json.parse(first).get("verdict").asText(), again.verdict());
        assertArrayEquals(first, input.get(resultKey), "the retry rewrote the result");

        byte[] other = TestImages.jpeg(96, 64, 4);
        input.put(key, other);
        handler.handleRequest(eventFor(INPUT_BUCKET, key), new MockLambdaContext());
        JsonNode replaced = Json.parse(input.get(resultKey));
        assertEquals(96, replaced.get("image").get("width").asInt(), replaced.toString());
        assertEquals(dev.defactify.contract.util.Sha256.of(other), replaced.get("image").get("sha256").asText());

        input.put(resultKey, "{\"not\": \"a result\"}".getBytes());
        handler.handleRequest(eventFor(INPUT_BUCKET, key), new MockLambdaContext());
        assertEquals(96, Json.parse(input.get(resultKey)).get("image").get("width").asInt(),
                "a result this function cannot read is replaced");
    }

    @Test
    void aRecordThatCannotBeProcessedFailsTheInvocationAfterTheOthersAreDone() {
        input.put("uploads/second.jpg", TestImages.jpeg(120, 90, 9));
        S3Event event = LambdaEvents.fromJson(LambdaEvents.json("s3-put.json")
                .replace("\"Records\": [", "\"Records\": [" + recordJson("not-allowed-bucket", "uploads/x.jpg") + ", "
                        + recordJson(INPUT_BUCKET, "uploads/second.jpg") + ", "), S3Event.class);
        RecordsFailedException e = assertThrows(RecordsFailedException.class,
                () -> new S3EventHandler(context).handleRequest(event, new MockLambdaContext()));
        assertEquals(1, e.failures().size());
        assertTrue(e.getMessage().contains("s3://not-allowed-bucket/uploads/x.jpg"), e.getMessage());
        assertTrue(input.keys("results/uploads/second.jpg.json").size() == 1, "the good records were scored");
    }

    /** Found by S3EventFuzzTest: such records ended in a NullPointerException or IllegalArgumentException. */
    @Test
    void anEventThatNamesNoObjectIsRefusedAsAWhole() {
        S3Event noKey = LambdaEvents.fromJson(LambdaEvents.json("s3-put.json")
                .replace("\"key\":", "\"name-of-key\":"), S3Event.class);
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> new S3EventHandler(context).handleRequest(noKey, new MockLambdaContext()));
        assertEquals("record 0 of the event is not an S3 notification: it names no key (s3.object.key)",
                e.getMessage());
        MalformedEventException badKey = assertThrows(MalformedEventException.class,
                () -> new S3EventHandler(context).handleRequest(eventFor(INPUT_BUCKET, "uploads/100%.jpg"),
                        new MockLambdaContext()));
        assertTrue(badKey.getMessage().startsWith("record 0 of the event has key \"uploads/100%.jpg\", which is not "
                + "URL-encoded"), badKey.getMessage());
    }

    /** Found by the API Gateway fuzz tests: Micronaut's proxy threw NullPointerException, UriSyntaxException. */
    @Test
    void anEventTheProxyCannotMakeARequestOfIsAClientError() {
        APIGatewayProxyRequestEvent rest = LambdaEvents.read("api-gateway-v1.json", APIGatewayProxyRequestEvent.class);
        rest.setHttpMethod(null);
        APIGatewayProxyResponseEvent restResponse = new ApiGatewayRestHandler(context).handleRequest(rest,
                new MockLambdaContext());
        assertEquals(400, restResponse.getStatusCode(), restResponse.getBody());
        APIGatewayV2HTTPEvent http = LambdaEvents.read("api-gateway-v2.json", APIGatewayV2HTTPEvent.class);
        http.getRequestContext().getHttp().setMethod(null);
        APIGatewayV2HTTPResponse httpResponse = new ApiGatewayHttpHandler(context).handleRequest(http,
                new MockLambdaContext());
        assertEquals(400, httpResponse.getStatusCode(), httpResponse.getBody());
        assertEquals("the event names no HTTP method (requestContext.http.method)",
                Json.parse(httpResponse.getBody()).get("detail").asText());
        APIGatewayV2HTTPEvent badPath = LambdaEvents.read("api-gateway-v2.json", APIGatewayV2HTTPEvent.class);
        badPath.getRequestContext().getHttp().setPath("/v1/{detections");
        APIGatewayV2HTTPResponse badPathResponse = new ApiGatewayHttpHandler(context).handleRequest(badPath,
                new MockLambdaContext());
        assertEquals(400, badPathResponse.getStatusCode(), badPathResponse.getBody());
    }

    /** Found by the build's fuzzing run: a 500 from routing, and an IllegalArgumentException out of the handler. */
    @Test
    void pathsApiGatewayNeverSendsAreClientErrors() {
        Map<String, String> paths = Map.of(
                "detections:batch", "the path (requestContext.http.path) does not start with '/'",
                "/v1/d%0etections", "the path (requestContext.http.path) has a control character at index 5",
                "/v1/detections%", "the path (requestContext.http.path) has a '%' at index 14 that is not followed by"
                        + " two hex digits",
                "/v1/%zzdetections", "the path (requestContext.http.path) has a '%' at index 4 that is not followed by"
                        + " two hex digits");
        paths.forEach((path, detail) -> {
            APIGatewayV2HTTPEvent http = LambdaEvents.read("api-gateway-v2.json", APIGatewayV2HTTPEvent.class);
            http.getRequestContext().getHttp().setPath(path.replace("%0e", "\u000e"));
            APIGatewayV2HTTPResponse response = new ApiGatewayHttpHandler(context).handleRequest(http,
                    new MockLambdaContext());
            assertEquals(400, response.getStatusCode(), response.getBody());
            assertEquals(detail, Json.parse(response.getBody()).get("detail").asText(), path);
        });
        APIGatewayProxyRequestEvent rest = LambdaEvents.read("api-gateway-v1.json", APIGatewayProxyRequestEvent.class);
        rest.setPath("/v1/detections%\u0000");
        APIGatewayProxyResponseEvent response = new ApiGatewayRestHandler(context).handleRequest(rest,
                new MockLambdaContext());
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("the path (path) has a '%' at index 14 that is not followed by two hex digits",
                Json.parse(response.getBody()).get("detail").asText());
    }

    /** Found by the API Gateway fuzz tests: Micronaut's proxy failed on such headers with a 500. */
    @Test
    void headersHttpCannotCarryAreAClientError() {
        APIGatewayV2HTTPEvent http = LambdaEvents.fromJson(LambdaEvents.json("api-gateway-v2.json")
                .replace("\"host\": \"abc123", "\"host\": \"abc\\u000c123"), APIGatewayV2HTTPEvent.class);
        APIGatewayV2HTTPResponse httpResponse = new ApiGatewayHttpHandler(context).handleRequest(http,
                new MockLambdaContext());
        assertEquals(400, httpResponse.getStatusCode(), httpResponse.getBody());
        assertEquals("application/problem+json", header(httpResponse.getHeaders(), null));
        assertTrue(Json.parse(httpResponse.getBody()).get("detail").asText().startsWith("invalid header: "));

        APIGatewayProxyRequestEvent rest = LambdaEvents.fromJson(LambdaEvents.json("api-gateway-v1.json")
                .replace("\"X-Forwarded-Port\"", "\"X-Forwarded Port\""), APIGatewayProxyRequestEvent.class);
        APIGatewayProxyResponseEvent restResponse = new ApiGatewayRestHandler(context).handleRequest(rest,
                new MockLambdaContext());
        assertEquals(400, restResponse.getStatusCode(), restResponse.getBody());
        assertEquals(400, Json.parse(restResponse.getBody()).get("status").asInt());
    }

    private static S3Event eventFor(String bucket, String encodedKey) {
        return LambdaEvents.fromJson("{\"Records\": [" + recordJson(bucket, encodedKey) + "]}", S3Event.class);
    }

    private static String recordJson(String bucket, String encodedKey) {
        String json = LambdaEvents.json("s3-put.json");
        String record = json.substring(json.indexOf('[') + 1, json.lastIndexOf(']')).strip();
        return record.replace("\"name\": \"defactify-input\"", "\"name\": \"" + bucket + "\"")
                .replace("\"key\": \"uploads/street+scene+%C3%A9t%C3%A9.jpg\"", "\"key\": \"" + encodedKey + "\"");
    }

    private static String header(Map<String, String> headers, Map<String, List<String>> multi) {
        return header("Content-Type", headers, multi);
    }

    /** A response header by name, case-insensitively, from either of the proxy response's header maps. */
    private static String header(String name, Map<String, String> headers, Map<String, List<String>> multi) {
        if (headers != null) {
            for (Map.Entry<String, String> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue();
                }
            }
        }
        if (multi != null) {
            for (Map.Entry<String, List<String>> entry : multi.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().get(0);
                }
            }
        }
        return null;
    }
}
