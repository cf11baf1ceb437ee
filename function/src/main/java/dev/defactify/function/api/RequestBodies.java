package dev.defactify.function.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.defactify.function.problem.ProblemKind;

import java.io.IOException;
import java.util.Collection;

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
        } catch (MismatchedInputException e) {
            // Jackson's own text names Java types ("java.lang.String", "JsonToken.START_OBJECT"): say it in JSON terms.
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
                throw ProblemKind.MALFORMED_REQUEST.exception("the body goes on after its JSON value" + where(e));
            }
            String field = fieldPath(e);
            throw ProblemKind.MALFORMED_REQUEST.exception((field.isEmpty() ? "the body" : "\"" + field + "\"")
                    + " must be " + jsonKind(e.getTargetType()) + where(e));
        } catch (StreamConstraintsException e) {
            // Found by DetectionRequestFuzzTest: this one carries no location, and reading it threw.
            throw ProblemKind.MALFORMED_REQUEST.exception("the body nests arrays or objects deeper than "
                    + StreamReadConstraints.defaults().getMaxNestingDepth() + " levels");
        } catch (StreamReadException e) {
            throw ProblemKind.MALFORMED_REQUEST.exception("the body is not valid JSON" + where(e));
        } catch (IOException e) {
            throw ProblemKind.MALFORMED_REQUEST.exception("the body could not be read as JSON");
        }
    }

    private static String where(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** {@code items[2].s3Uri}: the JSON path of the value that did not fit, as a client wrote it. */
    private static String fieldPath(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String jsonKind(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }
}
