package dev.defactify.training.model;

/** Names of the network's input and outputs, as they appear in the ONNX graph and the manifest. */
public final class TensorNames {
    public static final String IMAGE = "image";
    public static final String AI_LOGIT = "ai_logit";
    public static final String SOURCE_LOGITS = "source_logits";
    public static final String FEATURES = "features";

    private TensorNames() {
    }
}
