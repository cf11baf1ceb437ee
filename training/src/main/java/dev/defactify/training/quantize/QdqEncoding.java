package dev.defactify.training.quantize;

import static dev.defactify.training.export.OnnxGraph.integer;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.defactify.training.export.OnnxGraph;
import dev.defactify.training.quantize.ActivationRange.QuantParams;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ONNX's QDQ form, in the shape ONNX Runtime's CPU provider fuses into integer kernels: every activation is followed
 * by one QuantizeLinear (uint8, asymmetric) and each of its consumers reads it through a DequantizeLinear of its own;
 * convolution weights are int8, symmetric per output channel; biases int32 with scale {@code s_input · s_weight[c]} and
 * zero point 0, as QLinearConv requires. Batch norms are already folded ({@link FoldedConv}). The input and the stem
 * convolution stay float (see {@link #input}).
 */
final class QdqEncoding implements TensorEncoding {
    private static final int INT8_MAX = 127;

    private final Map<String, ActivationRange> ranges;
    private final Map<String, QuantParams> params = new HashMap<>();
    private final Map<String, Integer> readers = new HashMap<>();
    private final Set<String> floatInputs = new HashSet<>();

    /** @param ranges every activation's calibrated range, by the name {@link FloatEncoding} gives it */
    QdqEncoding(Map<String, ActivationRange> ranges) {
        this.ranges = Map.copyOf(ranges);
    }

    @Override
    public String produced(String base) {
        return base + "_f";
    }

    @Override
    public void activation(OnnxGraph graph, String base) {
        ActivationRange range = ranges.get(base);
        if (range == null) {
            throw new IllegalArgumentException("calibration measured no range for activation " + base);
        }
        quantize(graph, base, produced(base), range.uint8());
    }

    @Override
    public void activationLike(OnnxGraph graph, String base, String like) {
        quantize(graph, base, produced(base), paramsOf(like));
    }

    /**
     * The input stays float and so does the stem convolution that reads it. Per-tensor uint8 over the normalised
     * input's span (about 4.8) has a step of 0.019, coarser than one 8-bit pixel level (0.017): quantising it would
     * merge neighbouring pixel values, which is where generator fingerprints live. The stem is ~3% of ResNet-50's
     * multiply-adds.
     */
    @Override
    public void input(OnnxGraph graph, String image) {
        floatInputs.add(image);
    }

    private void quantize(OnnxGraph graph, String base, String floatValue, QuantParams quant) {
        params.put(base, quant);
        graph.scalar(base + "_scale", quant.scale());
        graph.initializer(base + "_zp", DataType.UINT8, new long[0], new byte[] {(byte) quant.zeroPoint()});
        graph.node("QuantizeLinear", base + "_q", List.of(floatValue, base + "_scale", base + "_zp"));
    }

    @Override
    public String read(OnnxGraph graph, String base) {
        if (floatInputs.contains(base)) {
            return base;
        }
        paramsOf(base);
        // One DequantizeLinear per consumer: the QDQ node-unit rules ONNX Runtime fuses by expect it.
        int reader = readers.merge(base, 1, Integer::sum);
        return graph.node("DequantizeLinear", base + "_dq" + reader, List.of(base + "_q", base + "_scale",
                base + "_zp"));
    }

    @Override
    public String conv(OnnxGraph graph, String input, FoldedConv conv, String output) {
        if (floatInputs.contains(input)) {
            return FloatEncoding.floatConv(graph, input, conv, output);
        }
        String x = read(graph, input);
        float inputScale = paramsOf(input).scale();
        int out = conv.outChannels();
        int fanIn = conv.fanIn();
        float[] weightScales = new float[out];
        ByteBuffer weights = ByteBuffer.allocate(conv.weight().length);
        ByteBuffer biases = ByteBuffer.allocate(out * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        float[] biasScales = new float[out];
        for (int o = 0; o < out; o++) {
            float largest = 0;
            for (int i = 0; i < fanIn; i++) {
                largest = Math.max(largest, Math.abs(conv.weight()[o * fanIn + i]));
            }
            // An all-zero channel still needs a positive scale; its weights quantise to 0 whatever it is.
            float scale = largest > 0 ? largest / INT8_MAX : 1f;
            weightScales[o] = scale;
            for (int i = 0; i < fanIn; i++) {
                long q = Math.round(conv.weight()[o * fanIn + i] / (double) scale);
                weights.put((byte) Math.max(-INT8_MAX, Math.min(INT8_MAX, q)));
            }
            biasScales[o] = inputScale * scale;
            long q = Math.round(conv.bias()[o] / (double) biasScales[o]);
            biases.putInt((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, q)));
        }
        String w = conv.name() + ".weight";
        graph.initializer(w + "_q", DataType.INT8, conv.weightShape(), weights.array());
        graph.initializer(w + "_scale", new long[] {out}, weightScales);
        graph.initializer(w + "_zp", DataType.INT8, new long[] {out}, new byte[out]);
        graph.node("DequantizeLinear", w + "_dq", List.of(w + "_q", w + "_scale", w + "_zp"), integer("axis", 0));
        String b = conv.name() + ".bias";
        graph.initializer(b + "_q", DataType.INT32, new long[] {out}, biases.array());
        graph.initializer(b + "_scale", new long[] {out}, biasScales);
        graph.initializer(b + "_zp", DataType.INT32, new long[] {out}, new byte[out * Integer.BYTES]);
        graph.node("DequantizeLinear", b + "_dq", List.of(b + "_q", b + "_scale", b + "_zp"), integer("axis", 0));
        return FloatEncoding.convNode(graph, conv, output, x, w + "_dq", b + "_dq");
    }

    @Override
    public String expose(OnnxGraph graph, String base, String name) {
        paramsOf(base);
        return graph.node("DequantizeLinear", name, List.of(base + "_q", base + "_scale", base + "_zp"));
    }

    private QuantParams paramsOf(String base) {
        QuantParams quant = params.get(base);
        if (quant == null) {
            throw new IllegalStateException(base + " is read before it is quantised");
        }
        return quant;
    }
}
