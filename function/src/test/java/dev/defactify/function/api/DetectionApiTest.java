package dev.defactify.function.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.contract.util.Sha256;
import dev.defactify.function.testing.HttpClientSupport;
import dev.defactify.function.testing.Json;
import dev.defactify.testing.s3.S3TestServer;
import dev.defactify.testing.s3.SdkDefaults;
import dev.defactify.testing.s3.TestBucket;
import dev.defactify.function.testing.TestImages;
import dev.defactify.function.testing.TestModels;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static dev.defactify.function.testing.DetectionAssertions.assertDetection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP API of DESIGN §4 through real requests to the embedded server, S3 behind it. */
@ExtendWith(S3TestServer.Extension.class)
class DetectionApiTest {
    static final long MAX_BYTES = 1_000_000;
    static final byte[] JPEG = TestImages.jpeg(400, 300, 1);
    static final byte[] PNG = TestImages.png(120, 80, 2);

    static SdkDefaults sdk;
    static TestBucket bucket;
    static TestBucket denied;
    static ApplicationContext context;
    static HttpClientSupport http;

    @BeforeAll
    static void start(S3TestServer s3) {
        sdk = s3.useAsSdkDefaults();
        bucket = s3.newBucket("api-allowed");
        denied = s3.newBucket("api-denied");
        bucket.put("photos/a b+c.jpg", JPEG);
        denied.put("secret.jpg", JPEG);
        context = ApplicationContext.builder().properties(Map.of("model.uri", TestModels.small().toString(),
                "allowed.buckets", bucket.name(), "max.image.bytes", Long.toString(MAX_BYTES),
                "max.image.pixels", "4000000", "micronaut.server.port", -1)).start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        http = new HttpClientSupport(URI.create(server.getURL() + "/"));
    }

    @AfterAll
    static void stop() {
        context.close();
        sdk.close();
    }

    @Test
    void rawJpegBodyGetsADetection() {
        HttpResponse<String> response = http.post("v1/detections", "image/jpeg", JPEG);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode json = Json.parse(response.body());
        assertDetection(json, 400, 300, "jpeg");
        assertEquals(Sha256.of(JPEG), json.get("image").get("sha256").asText());
        assertEquals(0.0, json.get("timingsMs").get("fetch").asDouble());
        assertTrue(json.get("explanation") == null, "no explanation unless asked");
    }

    @Test
    void base64AndS3UriGiveTheSameScoresAsRawBytes() {
        JsonNode raw = Json.parse(http.post("v1/detections", "image/jpeg", JPEG).body());
        HttpResponse<String> base64 = http.postJson("v1/detections", "{\"imageBase64\": \""
                + Base64.getEncoder().encodeToString(JPEG) + "\"}");
        HttpResponse<String> s3 = http.postJson("v1/detections", "{\"s3Uri\": \"" + bucket.uri("photos/a b+c.jpg")
                + "\"}");
        assertEquals(200, base64.statusCode(), base64.body());
        assertEquals(200, s3.statusCode(), s3.body());
        for (JsonNode other : new JsonNode[]{Json.parse(base64.body()), Json.parse(s3.body())}) {
            assertEquals(raw.get("aiProbability"), other.get("aiProbability"));
            assertEquals(raw.get("sourceProbabilities"), other.get("sourceProbabilities"));
            assertEquals(raw.get("image"), other.get("image"));
        }
        assertTrue(Json.parse(s3.body()).get("timingsMs").get("fetch").asDouble() > 0, "S3 fetch is timed");
    }

    @Test
    void explainAddsAHeatMapAPersonCanOpen() throws IOException {
        HttpResponse<String> response = http.post("v1/detections?explain=true", "image/png",
                TestImages.png(200, 260, 2));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode explanation = Json.parse(response.body()).get("explanation");
        assertNotNull(explanation, response.body());
        assertEquals("cam", explanation.get("method").asText());
        JsonNode grid = explanation.get("grid");
        assertEquals(grid.get("rows").asInt(), grid.get("aiProbabilities").size());
        BufferedImage overlay = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(explanation.get("overlayPng").asText())));
        int size = Json.parse(http.get("v1/model").body()).get("input").get("size").asInt();
        assertEquals(size, overlay.getWidth());
        assertEquals(size, overlay.getHeight());
    }

    @Test
    void batchAnswersEveryItemInOrder() {
        String body = "{\"items\": [{\"s3Uri\": \"" + bucket.uri("photos/a b+c.jpg") + "\"},"
                + " {\"imageBase64\": \"" + Base64.getEncoder().encodeToString(TestImages.png(64, 64, 3)) + "\"},"
                + " {\"s3Uri\": \"" + bucket.uri("photos/missing.jpg") + "\"},"
                + " {\"imageBase64\": \"" + Base64.getEncoder().encodeToString("not an image".getBytes()) + "\"},"
                + " {\"s3Uri\": \"" + denied.uri("secret.jpg") + "\"}]}";
        HttpResponse<String> response = http.postJson("v1/detections:batch", body);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode results = Json.parse(response.body()).get("results");
        assertEquals(5, results.size());
        assertDetection(results.get(0), 400, 300, "jpeg");
        assertDetection(results.get(1), 64, 64, "png");
        assertEquals(404, results.get(2).get("error").get("status").asInt());
        assertEquals(415, results.get(3).get("error").get("status").asInt());
        assertEquals(403, results.get(4).get("error").get("status").asInt());
    }

    @Test
    void batchIsBounded() {
        String item = "{\"imageBase64\": \"" + Base64.getEncoder().encodeToString(TestImages.png(8, 8, 4)) + "\"}";
        String body = "{\"items\": [" + String.join(",", java.util.Collections.nCopies(17, item)) + "]}";
        HttpResponse<String> response = http.postJson("v1/detections:batch", body);
        assertProblem(response, 400);
        assertTrue(response.body().contains("MAX_BATCH_ITEMS"), response.body());
    }

    @Test
    void modelRouteReturnsTheManifestOfTheLoadedModel() throws IOException {
        HttpResponse<String> response = http.get("v1/model");
        assertEquals(200, response.statusCode());
        com.fasterxml.jackson.databind.node.ObjectNode served =
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(response.body());
        JsonNode serving = served.remove("serving");
        JsonNode file = Json.parse(Files.readAllBytes(TestModels.small().resolve("manifest.json")));
        assertEquals(file, served);
        // the file this process runs: this model lists only fp32
        assertEquals("model.onnx", serving.get("file").asText());
        assertEquals("fp32", serving.get("precision").asText());
        assertEquals(file.get("sha256"), serving.get("sha256"));
    }

    @Test
    void healthSaysUpWithTheModelVersion() {
        HttpResponse<String> response = http.get("health");
        assertEquals(200, response.statusCode());
        JsonNode json = Json.parse(response.body());
        assertEquals("UP", json.get("status").asText());
        assertFalse(json.get("model").get("version").asText().isBlank());
    }

    static Stream<Arguments> badRequests() {
        byte[] big = new byte[(int) MAX_BYTES + 10];
        new Random(5).nextBytes(big);
        System.arraycopy(JPEG, 0, big, 0, 64);
        return Stream.of(
                Arguments.of("malformed JSON", "application/json", "{\"s3Uri\": ".getBytes(), 400),
                Arguments.of("unknown field", "application/json", "{\"s3uri\": \"s3://a/b\"}".getBytes(), 400),
                Arguments.of("both fields", "application/json",
                        "{\"s3Uri\": \"s3://a/b\", \"imageBase64\": \"AA==\"}".getBytes(), 400),
                Arguments.of("neither field", "application/json", "{}".getBytes(), 400),
                Arguments.of("not base64", "application/json", "{\"imageBase64\": \"@@@\"}".getBytes(), 400),
                Arguments.of("https URL instead of s3", "application/json",
                        "{\"s3Uri\": \"https://example.com/cat.jpg\"}".getBytes(), 400),
                Arguments.of("file URL", "application/json", "{\"s3Uri\": \"file:///etc/passwd\"}".getBytes(), 400),
                Arguments.of("empty body", "image/jpeg", new byte[0], 400),
                Arguments.of("bucket not allowed", "application/json",
                        ("{\"s3Uri\": \"" + denied.uri("secret.jpg") + "\"}").getBytes(), 403),
                Arguments.of("missing object", "application/json",
                        ("{\"s3Uri\": \"" + bucket.uri("nope.jpg") + "\"}").getBytes(), 404),
                Arguments.of("too many bytes", "image/jpeg", big, 413),
                Arguments.of("too many bytes as base64", "application/json",
                        ("{\"imageBase64\": \"" + Base64.getEncoder().encodeToString(big) + "\"}").getBytes(), 413),
                Arguments.of("too many pixels", "image/png", TestImages.pngHeaderClaiming(30_000, 20_000), 413),
                Arguments.of("text as image", "image/jpeg", "hello".getBytes(), 415),
                Arguments.of("unsupported content type", "text/plain", JPEG, 415),
                Arguments.of("field of the wrong type", "application/json", "{\"s3Uri\": {\"bucket\": 1}}".getBytes(), 400),
                Arguments.of("JSON followed by more", "application/json", "{\"imageBase64\": \"AA==\"} {}".getBytes(), 400),
                Arguments.of("JSON array instead of object", "application/json", "[1, 2]".getBytes(), 400),
                Arguments.of("truncated JPEG", "image/jpeg", TestImages.truncated(JPEG, JPEG.length / 3), 422),
                Arguments.of("truncated PNG", "image/png", TestImages.truncated(PNG, PNG.length / 2), 422),
                Arguments.of("JPEG without a frame header", "image/jpeg", withoutFrameHeader(JPEG), 422));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("badRequests")
    void everyFailureIsAPreciseProblem(String name, String contentType, byte[] body, int status) {
        assertProblem(http.post("v1/detections", contentType, body), status);
    }

    @Test
    void frameworkErrorsAreProblemsToo() {
        assertProblem(http.get("v2/nothing"), 404);
        assertProblem(http.get("v1/detections"), 405);
        assertProblem(http.post("v1/detections?explain=maybe", "image/jpeg", JPEG), 400);
    }

    @Test
    void hostileBytesNeverBreakTheServer() {
        Random random = new Random(11);
        for (int i = 0; i < 40; i++) {
            byte[] mutated = JPEG.clone();
            for (int flips = 0; flips < 1 + random.nextInt(20); flips++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean()) {
                mutated = TestImages.truncated(mutated, 1 + random.nextInt(mutated.length));
            }
            HttpResponse<String> response = http.post("v1/detections", "image/jpeg", mutated);
            int status = response.statusCode();
            assertTrue(status == 200 || status == 413 || status == 415 || status == 422, "status " + status);
            if (status != 200) {
                assertProblem(response, status);
            }
        }
        assertEquals(200, http.post("v1/detections", "image/jpeg", JPEG).statusCode(), "still serving");
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode problem = Json.parse(response.body());
        assertEquals(status, problem.get("status").asInt());
        assertFalse(problem.get("type").asText().isBlank());
        assertFalse(problem.get("title").asText().isBlank());
        assertFalse(problem.get("detail").asText().isBlank());
        String body = response.body();
        assertFalse(body.contains("Exception") || body.contains("\tat ") || body.contains(".java:"),
                "no stack trace: " + body);
        assertNoImplementationNames(problem.get("detail").asText());
        assertTrue(response.headers().firstValue(RequestIds.HEADER).isPresent(), "the log lines can be found");
    }

    /**
     * Details are the API's words for the client's fault. They once read "IIOException: No SOF segment in stream"
     * and Jackson's "Cannot deserialize value of type `java.lang.String` from Object value (token …)".
     */
    static void assertNoImplementationNames(String detail) {
        for (String leak : new String[] {"Exception", "IIO", "java.", "javax.", "JsonToken", "`", "com.fasterxml",
                "Jackson", "ImageIO", "TwelveMonkeys", "libjpeg", "Leptonica", "Micronaut", "netty", "dev.defactify"}) {
            assertFalse(detail.contains(leak), "\"" + leak + "\" in the detail: " + detail);
        }
    }

    @Test
    void theRequestIdIsAnsweredAndACallersSafeIdIsKept() {
        HttpResponse<String> kept = http.post("v1/detections", "image/jpeg", withoutFrameHeader(JPEG), "client-42.a_b");
        assertEquals("client-42.a_b", kept.headers().firstValue(RequestIds.HEADER).orElseThrow());
        HttpResponse<String> replaced = http.post("v1/detections", "image/jpeg", JPEG, "bad id with spaces");
        String assigned = replaced.headers().firstValue(RequestIds.HEADER).orElseThrow();
        assertTrue(assigned.matches("[0-9a-f-]{36}"), assigned);
        assertEquals(200, replaced.statusCode());
    }

    @Test
    void undecodableImagesAreDescribedInTheApisWords() {
        JsonNode noFrame = Json.parse(http.post("v1/detections", "image/jpeg", withoutFrameHeader(JPEG)).body());
        assertTrue(noFrame.get("detail").asText().contains("no frame header"), noFrame.toString());
        JsonNode truncated = Json.parse(http.post("v1/detections", "image/png",
                TestImages.truncated(PNG, PNG.length / 2)).body());
        assertTrue(truncated.get("detail").asText().contains("truncated"), truncated.toString());
        JsonNode wrongType = Json.parse(http.postJson("v1/detections:batch", "{\"items\": [{\"s3Uri\": []}]}").body());
        assertEquals("\"items[0].s3Uri\" must be a string (line 1, column 22)", wrongType.get("detail").asText());
    }

    /** The JPEG with its SOF0 segment cut out: markers intact, but nothing says how big the frame is. */
    static byte[] withoutFrameHeader(byte[] jpeg) {
        for (int i = 2; i + 3 < jpeg.length; ) {
            int length = 2 + (((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF));
            if ((jpeg[i + 1] & 0xFF) == 0xC0) {
                byte[] out = new byte[jpeg.length - length];
                System.arraycopy(jpeg, 0, out, 0, i);
                System.arraycopy(jpeg, i + length, out, i, jpeg.length - i - length);
                return out;
            }
            i += length;
        }
        throw new AssertionError("no SOF0 in the test JPEG");
    }
}
