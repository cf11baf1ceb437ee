package dev.defactify.function.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.function.testing.HttpClientSupport;
import dev.defactify.function.testing.Json;
import dev.defactify.function.testing.TestImages;
import dev.defactify.function.testing.TestModels;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A refused model leaves the server up, answering 503 with the reason instead of crashing or guessing. */
class ModelNotLoadedTest {

    @Test
    void corruptedModelIsRefusedAndEveryRouteSaysWhy(@TempDir Path dir) throws IOException {
        Path model = TestModels.small();
        Files.copy(model.resolve("manifest.json"), dir.resolve("manifest.json"));
        byte[] onnx = Files.readAllBytes(model.resolve("model.onnx"));
        onnx[onnx.length / 2] ^= 0x01;
        Files.write(dir.resolve("model.onnx"), onnx);

        try (ApplicationContext context = ApplicationContext.builder().properties(Map.of("model.uri", dir.toString(),
                "micronaut.server.port", -1)).start()) {
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            HttpClientSupport http = new HttpClientSupport(URI.create(server.getURL() + "/"));

            HttpResponse<String> detection = http.post("v1/detections", "image/jpeg", TestImages.bundledJpeg());
            DetectionApiTest.assertProblem(detection, 503);
            assertTrue(detection.body().contains("sha256"), detection.body());
            DetectionApiTest.assertProblem(http.get("v1/model"), 503);
            HttpResponse<String> health = http.get("health");
            assertEquals(503, health.statusCode());
            JsonNode json = Json.parse(health.body());
            assertEquals("DOWN", json.get("status").asText());
            assertTrue(json.get("detail").asText().contains("sha256"));
        }
    }
}
