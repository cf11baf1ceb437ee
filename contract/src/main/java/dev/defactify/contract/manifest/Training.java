package dev.defactify.contract.manifest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Provenance: enough to rerun the training that produced a model (seed, epochs, data, code, the
 * full configuration as the trainer saw it).
 */
@JsonPropertyOrder({"seed", "epochs", "dataset", "gitCommit", "config"})
public record Training(long seed, int epochs, String dataset, String gitCommit, Map<String, Object> config) {

    public Training {
        // LinkedHashMap rather than Map.copyOf: configs legitimately hold null values.
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }
}
