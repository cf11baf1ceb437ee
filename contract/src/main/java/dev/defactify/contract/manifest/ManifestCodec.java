package dev.defactify.contract.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes {@code manifest.json}. Unknown fields are ignored so that an older function can load a newer
 * manifest; everything the contract requires is validated on the way in and on the way out.
 */
public final class ManifestCodec {
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    public ModelManifest read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public ModelManifest read(InputStream in) throws IOException {
        return read(in.readAllBytes());
    }

    public ModelManifest read(byte[] json) {
        try {
            return mapper.readValue(json, ModelManifest.class).validated();
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new InvalidManifestException(cause.getMessage(), e);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw new InvalidManifestException(
                    (field == null || field.isEmpty() ? "" : "field '" + field + "': ") + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidManifestException("not valid JSON: " + e.getMessage(), e);
        }
    }

    public String toJson(ModelManifest manifest) {
        try {
            return mapper.writeValueAsString(manifest.validated()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a manifest", e);
        }
    }

    public void write(ModelManifest manifest, Path file) throws IOException {
        Files.writeString(file, toJson(manifest));
    }
}
