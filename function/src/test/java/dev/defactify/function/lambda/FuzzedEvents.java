package dev.defactify.function.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.function.problem.ProblemKind;
import dev.defactify.function.testing.Json;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fuzzed bytes as the events the Lambda runtime hands our handlers, and what the handlers may answer. */
final class FuzzedEvents {
    private FuzzedEvents() {
    }

    /**
     * The event the runtime would build from these bytes, with its own serializer; empty where it builds none. Such
     * an invocation fails in the runtime, before any of our code runs, so it is not ours to answer.
     */
    static <T> Optional<T> asEvent(byte[] json, Class<T> type) {
        try {
            return Optional.ofNullable(LambdaEvents.fromJson(new String(json, StandardCharsets.UTF_8), type));
        } catch (RuntimeException e) { // the serializer's own exceptions, whatever it wraps them in
            return Optional.empty();
        }
    }

    /**
     * An API Gateway answer to a hostile request: under 500, or (no model is loaded) the 503 of a route that needs
     * the model, as a problem or as the health check's DOWN.
     */
    static void assertAnswered(int status, String body) {
        assertTrue(status >= 200 && status < 600, () -> "status " + status);
        if (status < 500) {
            return;
        }
        assertEquals(503, status, body);
        JsonNode json = Json.parse(body);
        assertTrue(ProblemKind.MODEL_NOT_LOADED.type().equals(json.path("type").asText())
                || "DOWN".equals(json.path("status").asText()), body);
    }
}
