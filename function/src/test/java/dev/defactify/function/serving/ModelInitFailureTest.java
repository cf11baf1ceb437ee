package dev.defactify.function.serving;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.contract.util.Sha256;
import dev.defactify.function.testing.Json;
import dev.defactify.function.testing.TestModels;
import io.micronaut.context.ApplicationContext;
import io.micronaut.crac.test.CheckpointSimulator;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ways a published model can be broken when the function starts. Each must leave one readable line, the same
 * in the init log and in {@code /health}, and must stop SnapStart from snapshotting a function that cannot score.
 */
class ModelInitFailureTest {

    enum Breakage {
        MISSING_FILE("model.onnx is missing") {
            @Override
            void apply(Path dir) throws IOException {
                Files.delete(dir.resolve("model.onnx"));
            }
        },
        WRONG_HASH("sha256") {
            @Override
            void apply(Path dir) throws IOException {
                byte[] onnx = Files.readAllBytes(dir.resolve("model.onnx"));
                onnx[onnx.length / 3] ^= 0x10;
                Files.write(dir.resolve("model.onnx"), onnx);
            }
        },
        /** Cut short, with a manifest re-signed to match: only reading the graph can tell. */
        TRUNCATED_ONNX("not a readable ONNX graph") {
            @Override
            void apply(Path dir) throws IOException {
                byte[] onnx = Files.readAllBytes(dir.resolve("model.onnx"));
                byte[] cut = Arrays.copyOf(onnx, onnx.length / 2);
                Files.write(dir.resolve("model.onnx"), cut);
                rewrite(dir, "\"sha256\" : \"[0-9a-f]{64}\"", "\"sha256\" : \"" + Sha256.of(cut) + "\"",
                        "\"bytes\" : " + onnx.length, "\"bytes\" : " + cut.length);
            }
        },
        OUTPUT_THE_GRAPH_LACKS("ai_score") {
            @Override
            void apply(Path dir) throws IOException {
                rewrite(dir, "\"aiLogit\" : \"ai_logit\"", "\"aiLogit\" : \"ai_score\"");
            }
        };

        final String named;

        Breakage(String named) {
            this.named = named;
        }

        abstract void apply(Path dir) throws IOException;
    }

    @ParameterizedTest
    @EnumSource(Breakage.class)
    void aBrokenModelIsOneClearLineInTheLogAndHealthAndRefusesTheSnapshot(Breakage breakage, @TempDir Path dir)
            throws Exception {
        Path model = TestModels.small();
        Files.copy(model.resolve("manifest.json"), dir.resolve("manifest.json"));
        Files.copy(model.resolve("model.onnx"), dir.resolve("model.onnx"));
        breakage.apply(dir);

        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(ModelService.class);
        log.start();
        logger.addAppender(log);
        try (ApplicationContext context = ApplicationContext.builder().properties(Map.of("model.uri", dir.toString(),
                "micronaut.server.port", -1)).start()) {
            String reason = context.getBean(ModelService.class).failure().orElseThrow();
            assertTrue(reason.contains(breakage.named), reason);
            assertFalse(reason.contains("\n") || reason.contains("\r"), "one line: " + reason);
            assertFalse(reason.contains("Exception") || reason.contains("\tat "), reason);
            assertTrue(reason.length() < 400, "readable at a glance: " + reason);

            List<String> errors = log.list.stream().filter(event -> event.getLevel() == Level.ERROR)
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(List.of("no model loaded: " + reason), errors);

            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.getURL() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, health.statusCode());
            JsonNode json = Json.parse(health.body());
            assertEquals("DOWN", json.get("status").asText());
            assertEquals(reason, json.get("detail").asText());

            RuntimeException refused = assertThrows(RuntimeException.class,
                    () -> context.getBean(CheckpointSimulator.class).runBeforeCheckpoint());
            assertTrue(messages(refused).contains(reason), messages(refused));
        } finally {
            logger.detachAppender(log);
        }
    }

    private static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static void rewrite(Path dir, String... patternThenReplacement) throws IOException {
        Path manifest = dir.resolve("manifest.json");
        String text = Files.readString(manifest);
        for (int i = 0; i < patternThenReplacement.length; i += 2) {
            String changed = text.replaceAll(patternThenReplacement[i], patternThenReplacement[i + 1]);
            assertFalse(changed.equals(text), "the manifest has " + patternThenReplacement[i]);
            text = changed;
        }
        Files.writeString(manifest, text);
    }
}
