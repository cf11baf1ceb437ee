package dev.defactify.training.quantize;

import static dev.defactify.training.export.OnnxGraph.integer;
import static dev.defactify.training.export.OnnxGraph.ints;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import dev.defactify.training.export.OnnxExporter;
import dev.defactify.training.export.OnnxGraph;
import dev.defactify.training.model.TensorNames;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link FoldedNetwork} as ONNX in one of two encodings: the float probe (batch norms folded, every
 * activation also a graph output, so calibration can measure it) or the QDQ INT8 model. Same inputs, same three
 * outputs and output names as {@link OnnxExporter}'s model, so serving treats both files alike; the heads stay float
 * in both.
 */
public final class FoldedGraph {
    private static final String BATCH = "batch";

    /** The probe graph and the names of the activations it exposes besides the three model outputs. */
    public record Probe(ModelProto model, List<String> activations) { }

    private FoldedGraph() {
    }

    public static Probe probe(FoldedNetwork net, int inputSize, String producerVersion) {
        FloatEncoding encoding = new FloatEncoding();
        OnnxGraph graph = new OnnxGraph("defactifynet_" + net.architecture() + "_probe");
        write(net, inputSize, encoding, graph);
        List<String> exposed = encoding.activations().stream().filter(name -> !name.equals(TensorNames.FEATURES))
                .toList();
        exposed.forEach(graph::unshapedOutput);
        return new Probe(model(graph, producerVersion, "calibration probe: folded float graph with every activation "
                + "as an output"), encoding.activations());
    }

    /** @param ranges a range for the input and for every activation {@link #probe} exposes */
    public static ModelProto int8(FoldedNetwork net, int inputSize, Map<String, ActivationRange> ranges,
                                  String producerVersion) {
        OnnxGraph graph = new OnnxGraph("defactifynet_" + net.architecture() + "_int8");
        write(net, inputSize, new QdqEncoding(ranges), graph);
        return model(graph, producerVersion, "DeFactifyNet/" + net.architecture() + " INT8 (QDQ: int8 per-channel "
                + "weights, uint8 activations, int32 biases, float heads): ai_logit, source_logits, features");
    }

    private static void write(FoldedNetwork net, int inputSize, TensorEncoding encoding, OnnxGraph graph) {
        graph.input(TensorNames.IMAGE, BATCH, 3, inputSize, inputSize);
        encoding.input(graph, TensorNames.IMAGE);
        relu(graph, encoding, encoding.conv(graph, TensorNames.IMAGE, net.stem(), "stem_conv"), "stem");
        graph.node("MaxPool", encoding.produced("stem_pool"), List.of(encoding.read(graph, "stem")),
                ints("kernel_shape", 3, 3), ints("strides", 2, 2), ints("pads", 1, 1, 1, 1));
        encoding.activationLike(graph, "stem_pool", "stem");
        String x = "stem_pool";
        for (int s = 0; s < net.stages().size(); s++) {
            List<FoldedNetwork.Block> blocks = net.stages().get(s);
            for (int b = 0; b < blocks.size(); b++) {
                boolean last = s == net.stages().size() - 1 && b == blocks.size() - 1;
                x = bottleneck(graph, encoding, blocks.get(b), x, last ? TensorNames.FEATURES : null);
            }
        }
        String features = encoding.expose(graph, x, TensorNames.FEATURES);
        String pooled = graph.node("GlobalAveragePool", "pooled", List.of(features));
        String flat = graph.node("Flatten", "pooled_flat", List.of(pooled), integer("axis", 1));
        head(graph, net.binaryHead(), flat, TensorNames.AI_LOGIT);
        head(graph, net.sourceHead(), flat, TensorNames.SOURCE_LOGITS);

        int featureSide = Math.ceilDiv(inputSize, net.outputStride());
        graph.output(TensorNames.AI_LOGIT, BATCH, net.binaryHead().outputs());
        graph.output(TensorNames.SOURCE_LOGITS, BATCH, net.sourceHead().outputs());
        graph.output(TensorNames.FEATURES, BATCH, net.featureChannels(), featureSide, featureSide);
    }

    private static String bottleneck(OnnxGraph graph, TensorEncoding encoding, FoldedNetwork.Block block, String input,
                                     String outputName) {
        String p = block.prefix().replace('.', '_');
        relu(graph, encoding, encoding.conv(graph, input, block.reduce(), p + "_a_conv"), p + "_a");
        relu(graph, encoding, encoding.conv(graph, p + "_a", block.spatial(), p + "_b_conv"), p + "_b");
        encoding.conv(graph, p + "_b", block.expand(), encoding.produced(p + "_c"));
        encoding.activation(graph, p + "_c");
        String shortcut = input;
        if (block.downsample().isPresent()) {
            shortcut = p + "_down";
            encoding.conv(graph, input, block.downsample().get(), encoding.produced(shortcut));
            encoding.activation(graph, shortcut);
        }
        String sum = graph.node("Add", p + "_sum", List.of(encoding.read(graph, p + "_c"),
                encoding.read(graph, shortcut)));
        String out = outputName != null ? outputName : p + "_out";
        graph.node("Relu", encoding.produced(out), List.of(sum));
        encoding.activation(graph, out);
        return out;
    }

    private static void relu(OnnxGraph graph, TensorEncoding encoding, String convOutput, String activation) {
        graph.node("Relu", encoding.produced(activation), List.of(convOutput));
        encoding.activation(graph, activation);
    }

    private static void head(OnnxGraph graph, FoldedNetwork.Head head, String input, String output) {
        graph.initializer(head.name() + ".weight", new long[] {head.outputs(), head.inputs()}, head.weight());
        graph.initializer(head.name() + ".bias", new long[] {head.outputs()}, head.bias());
        graph.node("Gemm", output, List.of(input, head.name() + ".weight", head.name() + ".bias"),
                integer("transB", 1));
    }

    private static ModelProto model(OnnxGraph graph, String producerVersion, String doc) {
        return ModelProto.newBuilder()
                .setIrVersion(OnnxExporter.IR_VERSION)
                .setProducerName("defactify")
                .setProducerVersion(producerVersion)
                .setDomain("dev.defactify")
                .setDocString(doc)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxExporter.OPSET))
                .setGraph(graph.build())
                .build();
    }
}
