package dev.defactify.function.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.contract.manifest.ModelFile;
import dev.defactify.contract.util.Sha256;
import dev.defactify.function.testing.HttpClientSupport;
import dev.defactify.function.testing.Json;
import dev.defactify.function.testing.TestImages;
import dev.defactify.function.testing.TestModels;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Over HTTP, the precision that answered is on every detection, on GET /v1/model and on /health. */
class Int8ApiTest {
    private final Path model = TestModels.smallWithInt8();

    private static HttpClientSupport start(ApplicationContext context) {
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        return new HttpClientSupport(URI.create(server.getURL() + "/"));
    }

    @Test
    void theDefaultIsInt8AndEveryAnswerSaysSo() throws Exception {
        try (ApplicationContext context = ApplicationContext.builder().properties(Map.of("model.uri",
                model.toString(), "micronaut.server.port", -1)).start()) {
            HttpClientSupport http = start(context);
            String int8Sha = Sha256.ofFile(model.resolve(ModelFile.INT8_FILE));
            HttpResponse<String> detection = http.post("v1/detections", "image/jpeg", TestImages.jpeg(200, 150, 2));
            assertEquals(200, detection.statusCode(), detection.body());
            JsonNode ref = Json.parse(detection.body()).get("model");
            assertEquals("int8", ref.get("precision").asText());
            assertEquals(int8Sha, ref.get("sha256").asText());
            JsonNode serving = Json.parse(http.get("v1/model").body()).get("serving");
            assertEquals(ModelFile.INT8_FILE, serving.get("file").asText());
            assertEquals("int8", serving.get("precision").asText());
            assertEquals(int8Sha, serving.get("sha256").asText());
            JsonNode health = Json.parse(http.get("health").body());
            assertEquals("int8", health.get("model").get("precision").asText());
            assertEquals("libjpeg-turbo", health.get("jpegDecoder").asText());
        }
    }

    @Test
    void modelPrecisionFp32IsHonoured() {
        try (ApplicationContext context = ApplicationContext.builder().properties(Map.of("model.uri",
                model.toString(), "model.precision", "fp32", "micronaut.server.port", -1)).start()) {
            HttpClientSupport http = start(context);
            HttpResponse<String> detection = http.post("v1/detections", "image/jpeg", TestImages.jpeg(200, 150, 2));
            assertEquals("fp32", Json.parse(detection.body()).get("model").get("precision").asText());
        }
    }

    @Test
    void anUnknownPrecisionNamesTheVariable() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () ->
                ApplicationContext.builder().properties(Map.of("model.uri", model.toString(), "model.precision",
                        "int4", "micronaut.server.port", -1)).start());
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        org.junit.jupiter.api.Assertions.assertTrue(root.getMessage().contains("MODEL_PRECISION"), root.getMessage());
    }
}
