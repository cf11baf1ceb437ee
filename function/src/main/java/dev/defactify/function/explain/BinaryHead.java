package dev.defactify.function.explain;

import java.nio.ByteBuffer;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The "AI-generated" head: a Gemm with {@code transB=1} over the globally average-pooled features, so
 * {@code ai_logit = sum_c weights[c] * mean_yx f_c(y, x) + bias}. Because pooling is linear, the same weights applied
 * cell by cell give a class activation map whose mean over the grid is exactly ai_logit.
 */
public record BinaryHead(float[] weights, float bias) {
    /** Initializer names written by the training exporter (DJL parameter names of {@code DeFactifyNet}). */
    public static final String WEIGHT = "binary_head.weight";
    public static final String BIAS = "binary_head.bias";

    public BinaryHead {
        Objects.requireNonNull(weights, "weights");
        if (weights.length == 0) {
            throw new IllegalArgumentException("The binary head has no weights");
        }
    }

    /** Reads the head from model.onnx bytes, checking the layouts the exporter writes: weight [1, C], bias [1]. */
    public static BinaryHead fromModel(byte[] model) {
        return fromModel(ByteBuffer.wrap(model));
    }

    public static BinaryHead fromModel(ByteBuffer model) {
        Map<String, FloatTensor> tensors = OnnxInitializers.read(model, List.of(WEIGHT, BIAS));
        FloatTensor weight = tensors.get(WEIGHT);
        FloatTensor bias = tensors.get(BIAS);
        if (weight.dims().length != 2 || weight.dims()[0] != 1) {
            throw new OnnxFormatException("Expected " + WEIGHT + " of shape [1, C], got " + weight);
        }
        if (!bias.hasShape(1)) {
            throw new OnnxFormatException("Expected " + BIAS + " of shape [1], got " + bias);
        }
        return new BinaryHead(weight.values(), bias.values()[0]);
    }

    public int channels() {
        return weights.length;
    }

    /**
     * The head's own output for these features, computed the way the graph does (GlobalAveragePool, then Gemm);
     * kept separate from {@link #cellLogits} so tests can hold the two against each other.
     */
    public double logit(FeatureMap features) {
        requireChannels(features);
        int cells = features.rows() * features.cols();
        float[] values = features.values();
        double logit = bias;
        for (int c = 0; c < weights.length; c++) {
            double pooled = 0;
            for (int i = 0; i < cells; i++) {
                pooled += values[c * cells + i];
            }
            logit += weights[c] * (pooled / cells);
        }
        return logit;
    }

    /** {@code cam(y, x) = sum_c w_c * f_c(y, x) + b}, row-major, in double so the grid mean reproduces ai_logit. */
    public double[] cellLogits(FeatureMap features) {
        requireChannels(features);
        int cells = features.rows() * features.cols();
        double[] cam = new double[cells];
        Arrays.fill(cam, bias);
        float[] values = features.values();
        // Channel-outer order walks the CHW array sequentially.
        for (int c = 0; c < weights.length; c++) {
            double w = weights[c];
            int base = c * cells;
            for (int i = 0; i < cells; i++) {
                cam[i] += w * values[base + i];
            }
        }
        return cam;
    }

    private void requireChannels(FeatureMap features) {
        if (features.channels() != weights.length) {
            throw new IllegalArgumentException("The binary head expects " + weights.length + " channels, "
                    + "the feature map has " + features.channels());
        }
    }
}
