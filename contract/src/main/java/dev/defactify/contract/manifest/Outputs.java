package dev.defactify.contract.manifest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Names of the ONNX graph's output tensors. Serving looks tensors up by these names, so a renamed
 * output in the export would otherwise surface as a missing-tensor error at the first request.
 * Absent names take the defaults the exporter uses.
 */
@JsonPropertyOrder({"aiLogit", "sourceLogits", "features"})
public record Outputs(String aiLogit, String sourceLogits, String features) {
    public static final String DEFAULT_AI_LOGIT = "ai_logit";
    public static final String DEFAULT_SOURCE_LOGITS = "source_logits";
    public static final String DEFAULT_FEATURES = "features";

    public Outputs {
        aiLogit = aiLogit == null ? DEFAULT_AI_LOGIT : aiLogit;
        sourceLogits = sourceLogits == null ? DEFAULT_SOURCE_LOGITS : sourceLogits;
        features = features == null ? DEFAULT_FEATURES : features;
    }

    public static Outputs defaults() {
        return new Outputs(null, null, null);
    }
}
