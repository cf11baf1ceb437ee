package dev.defactify.function.explain;

import java.nio.ByteBuffer;

import java.util.Objects;

/**
 * Builds {@code explain=true} output for one scored image: the CAM of the AI-generated head plus its overlay.
 * Construct once per loaded model (reading the head from model.onnx costs one pass over its bytes) and share;
 * it holds only immutable state.
 */
public final class Explainer {
    private final BinaryHead head;
    private final HeatmapOverlay overlay;

    public Explainer(BinaryHead head, HeatmapOverlay overlay) {
        this.head = Objects.requireNonNull(head, "head");
        this.overlay = Objects.requireNonNull(overlay, "overlay");
    }

    /** An explainer for the model in {@code modelOnnx}, with the default overlay. */
    public static Explainer forModel(byte[] modelOnnx) {
        return forModel(ByteBuffer.wrap(modelOnnx));
    }

    public static Explainer forModel(ByteBuffer modelOnnx) {
        return new Explainer(BinaryHead.fromModel(modelOnnx), new HeatmapOverlay());
    }

    public BinaryHead head() {
        return head;
    }

    /** The activation map alone, for callers that want the grid without paying for a PNG. */
    public ActivationMap activationMap(FeatureMap features) {
        return ActivationMap.compute(features, head);
    }

    /**
     * @param features this image's slice of the {@code features} output
     * @param crop     the square RGB crop the model saw, e.g. {@link RgbCrop#fromTensor} of its input tensor
     */
    public Explanation explain(FeatureMap features, RgbCrop crop) {
        ActivationMap map = activationMap(features);
        return Explanation.cam(map, overlay.pngBase64(map, crop));
    }
}
