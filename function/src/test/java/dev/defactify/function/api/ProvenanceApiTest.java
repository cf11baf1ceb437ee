package dev.defactify.function.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.function.testing.HttpClientSupport;
import dev.defactify.function.testing.Json;
import dev.defactify.function.testing.TestImages;
import dev.defactify.function.testing.TestModels;
import dev.defactify.testing.c2pa.TestManifests;
import dev.defactify.testing.s3.S3TestServer;
import dev.defactify.testing.s3.TestBucket;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static dev.defactify.function.testing.DetectionAssertions.assertDetection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Provenance through the HTTP API: a C2PA manifest signed here (its CA configured as a trust anchor through
 * {@code C2PA_TRUST_ANCHORS}) decides the verdict; the same manifest on changed bytes decides nothing.
 */
@ExtendWith(S3TestServer.Extension.class)
class ProvenanceApiTest {
    static final byte[] PLAIN = TestImages.jpeg(400, 300, 1);
    static byte[] signed;
    static ApplicationContext context;
    static HttpClientSupport http;
    static TestBucket bucket;

    @BeforeAll
    static void start(S3TestServer s3) throws Exception {
        s3.useAsSdkDefaults();
        bucket = s3.newBucket("provenance-allowed");
        Instant now = Instant.now();
        TestManifests.Credentials credentials = TestManifests.credentials(now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)));
        signed = TestManifests.signedJpeg(PLAIN, TestManifests.Spec.generative(credentials));
        bucket.put("signed.jpg", signed);
        Path anchors = Files.createTempFile("trust-anchors", ".pem");
        Files.writeString(anchors, credentials.caPem());
        anchors.toFile().deleteOnExit();
        context = ApplicationContext.builder().properties(Map.of("model.uri", TestModels.small().toString(),
                "allowed.buckets", bucket.name(), "c2pa.trust.anchors", anchors.toString(),
                "micronaut.server.port", -1)).start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        http = new HttpClientSupport(URI.create(server.getURL() + "/"));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void aValidGenerativeManifestDecidesTheVerdictAndTheNetworksOwnStaysVisible() {
        JsonNode plain = detect(PLAIN);
        JsonNode json = detect(signed);

        assertDetection(json, 400, 300, "jpeg");
        assertEquals("ai-generated", json.get("verdict").asText());
        assertEquals("provenance", json.get("basis").asText());
        assertEquals(plain.get("modelVerdict"), json.get("modelVerdict"), "the pixels are the same");
        assertEquals(plain.get("aiProbability"), json.get("aiProbability"));
        JsonNode provenance = json.get("provenance");
        assertTrue(provenance.get("c2pa").get("valid").asBoolean(), provenance.toString());
        assertTrue(provenance.get("c2pa").get("trusted").asBoolean(), "its CA is configured: " + provenance);
        assertEquals("O=Defactify tests,CN=Test Generator", // RFC 2253 order: last RDN first
                provenance.get("c2pa").get("signer").get("subject").asText());
        assertEquals("trainedAlgorithmicMedia", provenance.get("digitalSourceType").get("code").asText());
        assertEquals(plain.get("modelVerdict").asText().equals("ai-generated"),
                provenance.get("agreesWithModel").asBoolean());

        assertEquals("model", plain.get("basis").asText());
        assertEquals("{\"c2pa\":{\"present\":false},\"generatorHints\":[]}", plain.get("provenance").toString());
    }

    @Test
    void theSameManifestOnChangedBytesIsReportedInvalidAndDecidesNothing() {
        byte[] changed = java.util.Arrays.copyOf(signed, signed.length + 16); // bytes after EOI: still decodes

        JsonNode json = detect(changed);
        assertEquals("model", json.get("basis").asText());
        assertEquals(json.get("modelVerdict"), json.get("verdict"));
        JsonNode c2pa = json.get("provenance").get("c2pa");
        assertFalse(c2pa.get("valid").asBoolean());
        assertEquals("assertion.dataHash.mismatch", c2pa.get("failure").get("code").asText());
        assertFalse(json.get("provenance").has("verdict"));
    }

    @Test
    void batchItemsAndS3ImagesCarryTheirOwnProvenance() {
        HttpResponse<String> batch = http.postJson("v1/detections:batch", "{\"items\": [{\"imageBase64\": \""
                + Base64.getEncoder().encodeToString(signed) + "\"}, {\"imageBase64\": \""
                + Base64.getEncoder().encodeToString(PLAIN) + "\"}, {\"s3Uri\": \"" + bucket.uri("signed.jpg")
                + "\"}]}");
        assertEquals(200, batch.statusCode(), batch.body());
        JsonNode results = Json.parse(batch.body()).get("results");
        assertEquals("provenance", results.get(0).get("basis").asText());
        assertEquals("model", results.get(1).get("basis").asText());
        assertEquals("provenance", results.get(2).get("basis").asText());
        assertTrue(results.get(2).get("timingsMs").get("fetch").asDouble() > 0);
    }

    private static JsonNode detect(byte[] jpeg) {
        HttpResponse<String> response = http.post("v1/detections", "image/jpeg", jpeg);
        assertEquals(200, response.statusCode(), response.body());
        return Json.parse(response.body());
    }
}
