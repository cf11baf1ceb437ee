package dev.defactify.function.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.defactify.function.problem.ProblemKind;

import java.io.IOException;

/**
 * Parses JSON bodies strictly: an unknown field is an error (a misspelt {@code s3uri} must not pass as "no
 * image"), and every parse error names where it happened without echoing the body back.
 */
final class RequestBodies {
    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw ProblemKind.MALFORMED_REQUEST.exception("the request body is empty");
        }
        ObjectReader reader = json.readerFor(type);
        try {
            T value = reader.readValue(body);
            if (value == null) {
                throw ProblemKind.MALFORMED_REQUEST.exception("the request body is JSON null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ProblemKind.MALFORMED_REQUEST.exception("unknown field \"" + e.getPropertyName() + "\"; expected "
                    + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            // Some of Jackson's errors carry no location (found by DetectionRequestFuzzTest: a NullPointerException).
            JsonLocation at = e.getLocation();
            throw ProblemKind.MALFORMED_REQUEST.exception("the body is not the expected JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (IOException e) {
            throw ProblemKind.MALFORMED_REQUEST.exception("the body could not be read: " + e.getMessage());
        }
    }
}
