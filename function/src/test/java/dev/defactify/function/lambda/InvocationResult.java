package dev.defactify.function.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.function.testing.Json;

import java.nio.charset.StandardCharsets;

/** What the runtime posted back for one invocation: {@code /response} or {@code /error}. */
sealed interface InvocationResult {

    /** The raw bytes the runtime posted, as text. */
    String body();

    default JsonNode json() {
        return Json.parse(body());
    }

    /** {@code POST /runtime/invocation/{id}/response}: the handler's serialized return value. */
    record Response(String body) implements InvocationResult {
        static Response of(byte[] body) {
            return new Response(new String(body, StandardCharsets.UTF_8));
        }
    }

    /**
     * {@code POST /runtime/invocation/{id}/error}: {@code {"errorMessage","errorType","stackTrace"}}, with the
     * category (e.g. {@code Runtime.UserException}) in the Lambda-Runtime-Function-Error-Type header.
     */
    record Error(String errorTypeHeader, String body) implements InvocationResult {
        String errorType() {
            return json().path("errorType").asText();
        }

        String errorMessage() {
            return json().path("errorMessage").asText();
        }
    }
}
