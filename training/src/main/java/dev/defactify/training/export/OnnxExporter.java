package dev.defactify.training.export;

import static dev.defactify.training.export.OnnxGraph.integer;
import static dev.defactify.training.export.OnnxGraph.ints;
import static dev.defactify.training.export.OnnxGraph.real;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import dev.defactify.training.model.Architecture;
import dev.defactify.training.model.Bottleneck;
import dev.defactify.training.model.ConvBn;
import dev.defactify.training.model.DeFactifyNet;
import dev.defactify.training.model.TensorNames;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes a trained DeFactifyNet as an ONNX graph, node by node, from the same {@link Architecture} and parameter
 * map the DJL block is built from. Batch norms are emitted in inference form with their running statistics, the
 * batch dimension is symbolic, and the three outputs keep the names the manifest and the function rely on.
 */
public final class OnnxExporter {
    /** Opset 17: supported by every ONNX Runtime the function may ship (1.14+). */
    public static final int OPSET = 17;
    /** IR version 8 is the one that goes with opset 17. */
    public static final long IR_VERSION = 8;
    private static final String BATCH = "batch";

    private final String producerVersion;

    public OnnxExporter(String producerVersion) {
        this.producerVersion = producerVersion;
    }

    public ModelProto toModel(DeFactifyNet net, int inputSize) {
        Architecture architecture = net.architecture();
        Map<String, Parameter> parameters = net.namedParameters();
        OnnxGraph graph = new OnnxGraph("defactifynet_" + architecture.name());
        parameters.forEach((name, parameter) -> {
            NDArray array = parameter.getArray();
            graph.initializer(name, array.getShape().getShape(), array.toFloatArray());
        });
        graph.input(TensorNames.IMAGE, BATCH, 3, inputSize, inputSize);

        String x = convBn(graph, net.stem(), TensorNames.IMAGE, "conv1", "bn1", "stem");
        x = graph.node("Relu", "stem_relu", List.of(x));
        x = graph.node("MaxPool", "stem_pool", List.of(x), ints("kernel_shape", 3, 3), ints("strides", 2, 2),
                ints("pads", 1, 1, 1, 1));
        List<List<Bottleneck>> stages = net.stages();
        for (int s = 0; s < stages.size(); s++) {
            for (int b = 0; b < stages.get(s).size(); b++) {
                boolean last = s == stages.size() - 1 && b == stages.get(s).size() - 1;
                x = bottleneck(graph, stages.get(s).get(b), x, "layer" + (s + 1) + "." + b, last);
            }
        }
        String pooled = graph.node("GlobalAveragePool", "pooled", List.of(x));
        String flat = graph.node("Flatten", "pooled_flat", List.of(pooled), integer("axis", 1));
        graph.node("Gemm", TensorNames.AI_LOGIT, List.of(flat, DeFactifyNet.BINARY_HEAD + ".weight",
                DeFactifyNet.BINARY_HEAD + ".bias"), integer("transB", 1));
        graph.node("Gemm", TensorNames.SOURCE_LOGITS, List.of(flat, DeFactifyNet.SOURCE_HEAD + ".weight",
                DeFactifyNet.SOURCE_HEAD + ".bias"), integer("transB", 1));

        int featureSide = Math.ceilDiv(inputSize, architecture.outputStride());
        graph.output(TensorNames.AI_LOGIT, BATCH, 1);
        graph.output(TensorNames.SOURCE_LOGITS, BATCH, architecture.sourceClasses());
        graph.output(TensorNames.FEATURES, BATCH, architecture.featureChannels(), featureSide, featureSide);

        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("defactify")
                .setProducerVersion(producerVersion)
                .setDomain("dev.defactify")
                .setDocString("DeFactifyNet/" + architecture.name() + ": ai_logit (real vs AI-generated), "
                        + "source_logits (real, sd21, sdxl, sd3, dalle3, midjourney6), features (last stage)")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph.build())
                .build();
    }

    public void write(DeFactifyNet net, int inputSize, Path file) throws IOException {
        ModelProto model = toModel(net, inputSize);
        try (OutputStream out = Files.newOutputStream(file)) {
            model.writeTo(out);
        }
    }

    private static String convBn(OnnxGraph graph, ConvBn unit, String input, String convName, String bnName,
                                 String valuePrefix) {
        int k = unit.kernel();
        int s = unit.stride();
        int p = unit.padding();
        String conv = graph.node("Conv", valuePrefix + "_conv", List.of(input, convName + ".weight"),
                ints("kernel_shape", k, k), ints("strides", s, s), ints("pads", p, p, p, p));
        return graph.node("BatchNormalization", valuePrefix + "_bn", List.of(conv, bnName + ".weight",
                bnName + ".bias", bnName + ".running_mean", bnName + ".running_var"), real("epsilon", unit.epsilon()));
    }

    private static String bottleneck(OnnxGraph graph, Bottleneck block, String input, String prefix, boolean last) {
        String x = convBn(graph, block.reduce(), input, prefix + ".conv1", prefix + ".bn1", prefix + "_a");
        x = graph.node("Relu", prefix + "_a_relu", List.of(x));
        x = convBn(graph, block.spatial(), x, prefix + ".conv2", prefix + ".bn2", prefix + "_b");
        x = graph.node("Relu", prefix + "_b_relu", List.of(x));
        x = convBn(graph, block.expand(), x, prefix + ".conv3", prefix + ".bn3", prefix + "_c");
        String shortcut = block.downsample()
                .map(down -> convBn(graph, down, input, prefix + ".downsample.0", prefix + ".downsample.1",
                        prefix + "_down"))
                .orElse(input);
        String sum = graph.node("Add", prefix + "_add", List.of(x, shortcut));
        return graph.node("Relu", last ? TensorNames.FEATURES : prefix + "_out", List.of(sum));
    }
}
