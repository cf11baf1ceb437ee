package dev.defactify.training.quantize;

import ai.djl.nn.Parameter;
import dev.defactify.training.model.Bottleneck;
import dev.defactify.training.model.ConvBn;
import dev.defactify.training.model.DeFactifyNet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DeFactifyNet in inference form as plain arrays: every conv with its batch norm folded, and the two heads as they
 * are. Both graphs the quantiser writes (the float probe that calibration runs, and the INT8 model) are built from
 * this one copy, so they cannot disagree about a weight.
 */
public record FoldedNetwork(String architecture, FoldedConv stem, List<List<Block>> stages, Head binaryHead,
                            Head sourceHead, int featureChannels, int outputStride) {

    /** A bottleneck: reduce (1×1), spatial (3×3), expand (1×1), and the projection shortcut where there is one. */
    public record Block(String prefix, FoldedConv reduce, FoldedConv spatial, FoldedConv expand,
                        Optional<FoldedConv> downsample) { }

    /** A fully connected head, {@code y = x·Wᵀ + b}, kept in float: its logits are the answer. */
    public record Head(String name, int outputs, int inputs, float[] weight, float[] bias) { }

    public static FoldedNetwork of(DeFactifyNet net) {
        Map<String, Parameter> parameters = net.namedParameters();
        FoldedConv stem = fold(parameters, net.stem(), "conv1", "bn1");
        List<List<Block>> stages = new ArrayList<>();
        for (int s = 0; s < net.stages().size(); s++) {
            List<Block> blocks = new ArrayList<>();
            for (int b = 0; b < net.stages().get(s).size(); b++) {
                Bottleneck block = net.stages().get(s).get(b);
                String prefix = "layer" + (s + 1) + "." + b;
                blocks.add(new Block(prefix,
                        fold(parameters, block.reduce(), prefix + ".conv1", prefix + ".bn1"),
                        fold(parameters, block.spatial(), prefix + ".conv2", prefix + ".bn2"),
                        fold(parameters, block.expand(), prefix + ".conv3", prefix + ".bn3"),
                        block.downsample().map(down -> fold(parameters, down, prefix + ".downsample.0",
                                prefix + ".downsample.1"))));
            }
            stages.add(List.copyOf(blocks));
        }
        return new FoldedNetwork(net.architecture().name(), stem, List.copyOf(stages),
                head(parameters, DeFactifyNet.BINARY_HEAD), head(parameters, DeFactifyNet.SOURCE_HEAD),
                net.architecture().featureChannels(), net.architecture().outputStride());
    }

    private static FoldedConv fold(Map<String, Parameter> parameters, ConvBn unit, String conv, String bn) {
        return FoldedConv.fold(conv, unit.outChannels(), unit.inChannels(), unit.kernel(), unit.stride(),
                unit.padding(), values(parameters, conv + ".weight"), values(parameters, bn + ".weight"),
                values(parameters, bn + ".bias"), values(parameters, bn + ".running_mean"),
                values(parameters, bn + ".running_var"), unit.epsilon());
    }

    private static Head head(Map<String, Parameter> parameters, String name) {
        Parameter weight = parameters.get(name + ".weight");
        long[] shape = weight.getArray().getShape().getShape();
        return new Head(name, (int) shape[0], (int) shape[1], weight.getArray().toFloatArray(),
                values(parameters, name + ".bias"));
    }

    private static float[] values(Map<String, Parameter> parameters, String name) {
        Parameter parameter = parameters.get(name);
        if (parameter == null || parameter.getArray() == null) {
            throw new IllegalStateException("the network has no initialised parameter " + name);
        }
        return parameter.getArray().toFloatArray();
    }
}
