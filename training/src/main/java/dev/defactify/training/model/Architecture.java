package dev.defactify.training.model;

import dev.defactify.contract.label.SourceLabel;
import java.util.List;
import java.util.Locale;

/**
 * The one description of DeFactifyNet's shape. The DJL block is built from it and the ONNX exporter walks it,
 * so the trained network and the exported graph cannot drift apart.
 *
 * <p>Topology is torchvision's ResNet v1.5 (stride on the 3×3 convolution of a bottleneck), a stem of a 7×7/2
 * convolution and a 3×3/2 max pool, global average pooling, then two linear heads on the pooled features.
 */
public record Architecture(
        String name, int stemWidth, int stemKernel, List<Stage> stages, int expansion, int sourceClasses,
        float batchNormEpsilon, float batchNormMomentum) {

    /** One stage ("layerN" in torchvision): {@code blocks} bottlenecks of inner width {@code width}. */
    public record Stage(int blocks, int width, int stride) {
        public Stage {
            if (blocks < 1 || width < 1 || stride < 1) {
                throw new IllegalArgumentException("a stage needs blocks, width and stride >= 1");
            }
        }
    }

    public static final Architecture RESNET50 = new Architecture("resnet50", 64, 7, List.of(
            new Stage(3, 64, 1), new Stage(4, 128, 2), new Stage(6, 256, 2), new Stage(3, 512, 2)),
            4, SourceLabel.count(), 1e-5f, 0.1f);

    /**
     * Same topology, one bottleneck per stage and a quarter of the width: about 1/40 of ResNet-50's compute, which
     * makes CPU demos and tests practical while exercising every kind of node the exporter emits.
     */
    public static final Architecture SMALL = new Architecture("small", 16, 7, List.of(
            new Stage(1, 16, 1), new Stage(1, 32, 2), new Stage(1, 64, 2), new Stage(1, 128, 2)),
            4, SourceLabel.count(), 1e-5f, 0.1f);

    public Architecture {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("an architecture needs at least one stage");
        }
        if (sourceClasses != SourceLabel.count()) {
            throw new IllegalArgumentException("the attribution head must have " + SourceLabel.count() + " logits");
        }
    }

    public static Architecture named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "resnet50" -> RESNET50;
            case "small" -> SMALL;
            default -> throw new IllegalArgumentException("unknown architecture '" + name + "'; expected small or resnet50");
        };
    }

    /** Channels of the last stage's output: the {@code features} tensor and the heads' input width. */
    public int featureChannels() {
        return stages.get(stages.size() - 1).width() * expansion;
    }

    /** Total downsampling from the input to the features map (stem conv, max pool, stage strides). */
    public int outputStride() {
        int stride = 4;
        for (Stage stage : stages) {
            stride *= stage.stride();
        }
        return stride;
    }
}
