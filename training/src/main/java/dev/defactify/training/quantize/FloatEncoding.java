package dev.defactify.training.quantize;

import static dev.defactify.training.export.OnnxGraph.ints;

import dev.defactify.training.export.OnnxGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Float activations and weights; remembers every activation so the probe graph can expose them for calibration. */
final class FloatEncoding implements TensorEncoding {
    private final List<String> activations = new ArrayList<>();

    /** Activations in the order they are computed, the input excluded (calibration measures it directly). */
    List<String> activations() {
        return Collections.unmodifiableList(activations);
    }

    @Override
    public String produced(String base) {
        return base;
    }

    @Override
    public void activation(OnnxGraph graph, String base) {
        activations.add(base);
    }

    @Override
    public void activationLike(OnnxGraph graph, String base, String like) {
        // takes its range from `like`: nothing to measure
    }

    @Override
    public String read(OnnxGraph graph, String base) {
        return base;
    }

    @Override
    public void input(OnnxGraph graph, String image) {
        // measured from the calibration tensors themselves
    }

    @Override
    public String conv(OnnxGraph graph, String input, FoldedConv conv, String output) {
        return floatConv(graph, input, conv, output);
    }

    /** A Conv with float weight and bias initializers; also the INT8 graph's float stem. */
    static String floatConv(OnnxGraph graph, String input, FoldedConv conv, String output) {
        graph.initializer(conv.name() + ".weight", conv.weightShape(), conv.weight());
        graph.initializer(conv.name() + ".bias", new long[] {conv.outChannels()}, conv.bias());
        return convNode(graph, conv, output, input, conv.name() + ".weight", conv.name() + ".bias");
    }

    @Override
    public String expose(OnnxGraph graph, String base, String name) {
        if (!base.equals(name)) {
            throw new IllegalArgumentException("the float graph names the features " + base + ", not " + name);
        }
        return base;
    }

    static String convNode(OnnxGraph graph, FoldedConv conv, String output, String input, String weight, String bias) {
        int k = conv.kernel();
        int s = conv.stride();
        int p = conv.padding();
        return graph.node("Conv", output, List.of(input, weight, bias), ints("kernel_shape", k, k),
                ints("strides", s, s), ints("pads", p, p, p, p));
    }
}
