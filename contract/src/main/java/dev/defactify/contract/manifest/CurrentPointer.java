package dev.defactify.contract.manifest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * {@code current.json} beside the published versions: which version serving should load. Only a promotion
 * that passed its gate moves it; the function resolves it once at init, so a SnapStart snapshot holds
 * exactly one version.
 *
 * @param version the version segment, e.g. {@code 2026-11-24T12-00-00Z-abc123}
 * @param prefix  the version's full prefix, {@code s3://bucket/models/defactifynet/<version>/}
 */
public record CurrentPointer(String version, String prefix) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * @throws IllegalArgumentException when the JSON is malformed or a field is missing
     */
    public static CurrentPointer read(byte[] json) {
        CurrentPointer pointer;
        try {
            pointer = JSON.readValue(json, CurrentPointer.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("current.json is not valid JSON: " + e.getMessage(), e);
        }
        if (pointer == null || pointer.version() == null || pointer.version().isBlank()
                || pointer.prefix() == null || !pointer.prefix().startsWith("s3://")) {
            throw new IllegalArgumentException("current.json must hold {\"version\": \"…\", \"prefix\": \"s3://…/\"}");
        }
        return pointer;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
