package dev.defactify.training.quantize;

import dev.defactify.training.export.OnnxGraph;

/**
 * How {@link FoldedGraph} writes activations and weights: as plain float (the probe that calibration runs, with every
 * activation exposed as an output) or in ONNX's QDQ form (the INT8 model). The graph's topology is written once, in
 * {@link FoldedGraph}; only what happens at an activation or a weight differs.
 */
sealed interface TensorEncoding permits FloatEncoding, QdqEncoding {

    /** The name the op producing activation {@code base} writes its float result under. */
    String produced(String base);

    /** {@code base} (already written under {@link #produced}) becomes an activation later ops can {@link #read}. */
    void activation(OnnxGraph graph, String base);

    /** Like {@link #activation} but quantised exactly like {@code like}: ops such as MaxPool that only move values. */
    void activationLike(OnnxGraph graph, String base, String like);

    /** A float view of activation {@code base} for one consumer. */
    String read(OnnxGraph graph, String base);

    /** The graph input (float {@code image}) as an activation. */
    void input(OnnxGraph graph, String image);

    /** {@code Conv(read(input), W, b)} in float, written under {@code output}. */
    String conv(OnnxGraph graph, String input, FoldedConv conv, String output);

    /** The last stage's activation as the float graph output {@code name}. */
    String expose(OnnxGraph graph, String base, String name);
}
