package dev.defactify.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import java.util.Optional;

/** torchvision's ResNet v1.5 bottleneck: 1×1 → 3×3 (strided) → 1×1 expansion, plus a projected shortcut. */
public final class Bottleneck extends AbstractBlock {
    private final ConvBn reduce;
    private final ConvBn spatial;
    private final ConvBn expand;
    private final ConvBn downsample;

    Bottleneck(int inChannels, int width, int stride, Architecture architecture) {
        int outChannels = width * architecture.expansion();
        this.reduce = addChildBlock("reduce", new ConvBn(inChannels, width, 1, 1, architecture));
        this.spatial = addChildBlock("spatial", new ConvBn(width, width, 3, stride, architecture));
        this.expand = addChildBlock("expand", new ConvBn(width, outChannels, 1, 1, architecture));
        this.downsample = stride != 1 || inChannels != outChannels
                ? addChildBlock("downsample", new ConvBn(inChannels, outChannels, 1, stride, architecture))
                : null;
    }

    public ConvBn reduce() {
        return reduce;
    }

    public ConvBn spatial() {
        return spatial;
    }

    public ConvBn expand() {
        return expand;
    }

    public Optional<ConvBn> downsample() {
        return Optional.ofNullable(downsample);
    }

    void collectParameters(String prefix, Map<String, Parameter> into) {
        reduce.collectParameters(prefix + ".conv1", prefix + ".bn1", into);
        spatial.collectParameters(prefix + ".conv2", prefix + ".bn2", into);
        expand.collectParameters(prefix + ".conv3", prefix + ".bn3", into);
        if (downsample != null) {
            downsample.collectParameters(prefix + ".downsample.0", prefix + ".downsample.1", into);
        }
    }

    /**
     * Starting each residual branch at zero (torchvision's zero_init_residual) makes a from-scratch network
     * behave like a shallower one early on, which trains faster and more stably on small data.
     */
    void zeroInitResidual() {
        expand.normScale().getArray().muli(0);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDList branch = Activation.relu(reduce.forward(store, inputs, training, params));
        branch = Activation.relu(spatial.forward(store, branch, training, params));
        NDArray residual = expand.forward(store, branch, training, params).singletonOrThrow();
        NDArray shortcut = downsample == null ? x : downsample.forward(store, inputs, training, params).singletonOrThrow();
        return new NDList(Activation.relu(residual.add(shortcut)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return expand.getOutputShapes(spatial.getOutputShapes(reduce.getOutputShapes(inputShapes)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        reduce.initialize(manager, dataType, inputShapes);
        Shape[] reduced = reduce.getOutputShapes(inputShapes);
        spatial.initialize(manager, dataType, reduced);
        expand.initialize(manager, dataType, spatial.getOutputShapes(reduced));
        if (downsample != null) {
            downsample.initialize(manager, dataType, inputShapes);
        }
    }
}
