package dev.defactify.contract.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes {@code manifest.json}. Reading ignores fields it does not know (a newer trainer may
 * add some; older serving must still load the model) but insists on the required ones, and always
 * validates. Writing is pretty-printed with a fixed field order and sorted map keys, so the same
 * manifest always produces the same bytes and diffs between versions stay readable.
 */
public final class ManifestCodec {
    private static final List<String> REQUIRED = List.of(
            "name", "version", "format", "opset", "sha256", "input", "labels", "threshold", "parity");
    private static final Map<String, List<String>> REQUIRED_INSIDE = Map.of(
            "input", List.of("size", "channels", "mean", "std", "policy"),
            "parity", List.of("maxAbsDiff", "tolerance"));

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /** @throws InvalidManifestException when the file is not a valid manifest */
    public ModelManifest read(Path file) throws IOException {
        return read(Files.readAllBytes(file));
    }

    /** Reads the stream to its end; the caller closes it. */
    public ModelManifest read(InputStream in) throws IOException {
        return read(in.readAllBytes());
    }

    public ModelManifest read(byte[] json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidManifestException(List.of("not valid JSON: " + e.getOriginalMessage()), e);
        } catch (IOException e) {
            // Reading a byte array cannot fail for I/O reasons; keep the cause rather than guess.
            throw new InvalidManifestException(List.of("unreadable: " + e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidManifestException(List.of("the manifest must be a JSON object"));
        }
        List<String> missing = missingFields(root);
        if (!missing.isEmpty()) {
            throw new InvalidManifestException(missing);
        }
        try {
            return mapper.treeToValue(root, ModelManifest.class).validate();
        } catch (JsonMappingException e) {
            throw new InvalidManifestException(List.of(describe(e)), e);
        } catch (JsonProcessingException e) {
            throw new InvalidManifestException(List.of(e.getOriginalMessage()), e);
        }
    }

    /** Validates, then writes pretty-printed JSON; an invalid manifest is never written. */
    public void write(ModelManifest manifest, Path file) throws IOException {
        Files.writeString(file, toJson(manifest), StandardCharsets.UTF_8);
    }

    /** @throws InvalidManifestException when the manifest is invalid */
    public String toJson(ModelManifest manifest) {
        manifest.validate();
        try {
            return mapper.writeValueAsString(manifest) + "\n";
        } catch (JsonProcessingException e) {
            // Only possible if metrics or config hold something Jackson cannot serialise.
            throw new IllegalArgumentException("manifest cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static List<String> missingFields(JsonNode root) {
        List<String> missing = new ArrayList<>();
        for (String field : REQUIRED) {
            JsonNode value = root.get(field);
            if (value == null || value.isNull()) {
                missing.add(field + " is required");
            } else if (REQUIRED_INSIDE.containsKey(field)) {
                for (String inner : REQUIRED_INSIDE.get(field)) {
                    JsonNode innerValue = value.get(inner);
                    if (innerValue == null || innerValue.isNull()) {
                        missing.add(field + "." + inner + " is required");
                    }
                }
            }
        }
        return missing;
    }

    /** Names the field by its JSON path and gives the most specific reason available. */
    private static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        Throwable reason = e;
        while (reason.getCause() != null && reason.getCause() != reason) {
            reason = reason.getCause();
        }
        String message = reason instanceof JsonMappingException mapping ? mapping.getOriginalMessage() : reason.getMessage();
        return (path.isEmpty() ? "manifest" : path) + ": " + message;
    }
}
