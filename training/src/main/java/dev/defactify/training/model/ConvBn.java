package dev.defactify.training.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * A bias-free convolution followed by batch normalisation: the unit every ResNet layer is made of. Keeps typed
 * references to both so parameters can be named the torchvision way and the exporter can read kernel geometry.
 */
public final class ConvBn extends AbstractBlock {
    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final float epsilon;
    private final Conv2d conv;
    private final BatchNorm norm;

    ConvBn(int inChannels, int outChannels, int kernel, int stride, Architecture architecture) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.epsilon = architecture.batchNormEpsilon();
        this.conv = addChildBlock("conv", Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding(), padding()))
                .setFilters(outChannels)
                .optBias(false)
                .build());
        // DJL's momentum weighs the old running value; torchvision's (0.1) weighs the new batch.
        this.norm = addChildBlock("bn", BatchNorm.builder()
                .optEpsilon(architecture.batchNormEpsilon())
                .optMomentum(1f - architecture.batchNormMomentum())
                .build());
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    public int kernel() {
        return kernel;
    }

    public int stride() {
        return stride;
    }

    public float epsilon() {
        return epsilon;
    }

    /** "Same" padding for odd kernels, as torchvision uses. */
    public int padding() {
        return kernel / 2;
    }

    /** torchvision names, e.g. {@code conv1.weight}, {@code bn1.running_mean}. */
    void collectParameters(String convName, String bnName, Map<String, Parameter> into) {
        into.put(convName + ".weight", conv.getDirectParameters().get("weight"));
        into.put(bnName + ".weight", norm.getDirectParameters().get("gamma"));
        into.put(bnName + ".bias", norm.getDirectParameters().get("beta"));
        into.put(bnName + ".running_mean", norm.getDirectParameters().get("runningMean"));
        into.put(bnName + ".running_var", norm.getDirectParameters().get("runningVar"));
    }

    Parameter normScale() {
        return norm.getDirectParameters().get("gamma");
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return norm.forward(store, conv.forward(store, inputs, training, params), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
        norm.initialize(manager, dataType, conv.getOutputShapes(inputShapes));
    }
}
