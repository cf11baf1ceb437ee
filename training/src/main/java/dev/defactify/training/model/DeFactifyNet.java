package dev.defactify.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DeFactifyNet: a ResNet backbone shared by a 1-logit "is it generated" head and a 6-logit "which source" head.
 * Forward returns {@code [ai_logit (N,1), source_logits (N,6), features (N,C,h,w)]}; the features map is the
 * last stage's output, kept so serving can draw class activation maps.
 */
public final class DeFactifyNet extends AbstractBlock {
    public static final String BINARY_HEAD = "binary_head";
    public static final String SOURCE_HEAD = "source_head";

    private final Architecture architecture;
    private final ConvBn stem;
    private final List<List<Bottleneck>> stages;
    private final Linear binaryHead;
    private final Linear sourceHead;
    private boolean backboneTrainable = true;

    public DeFactifyNet(Architecture architecture) {
        this.architecture = architecture;
        this.stem = addChildBlock("stem", new ConvBn(3, architecture.stemWidth(), architecture.stemKernel(), 2, architecture));
        List<List<Bottleneck>> built = new ArrayList<>();
        int channels = architecture.stemWidth();
        for (int s = 0; s < architecture.stages().size(); s++) {
            Architecture.Stage stage = architecture.stages().get(s);
            List<Bottleneck> blocks = new ArrayList<>();
            for (int b = 0; b < stage.blocks(); b++) {
                int stride = b == 0 ? stage.stride() : 1;
                blocks.add(addChildBlock("layer" + (s + 1) + "_" + b, new Bottleneck(channels, stage.width(), stride, architecture)));
                channels = stage.width() * architecture.expansion();
            }
            built.add(List.copyOf(blocks));
        }
        this.stages = List.copyOf(built);
        this.binaryHead = addChildBlock(BINARY_HEAD, Linear.builder().setUnits(1).build());
        this.sourceHead = addChildBlock(SOURCE_HEAD, Linear.builder().setUnits(architecture.sourceClasses()).build());
    }

    public Architecture architecture() {
        return architecture;
    }

    public ConvBn stem() {
        return stem;
    }

    /** Bottlenecks per stage, in forward order. */
    public List<List<Bottleneck>> stages() {
        return stages;
    }

    /**
     * Every parameter under its torchvision name ({@code conv1.weight}, {@code layer3.5.bn2.running_var},
     * {@code binary_head.bias}…), in a stable order. Checkpoints, the safetensors importer and the ONNX exporter all
     * go through this one map.
     */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        stem.collectParameters("conv1", "bn1", named);
        for (int s = 0; s < stages.size(); s++) {
            for (int b = 0; b < stages.get(s).size(); b++) {
                stages.get(s).get(b).collectParameters("layer" + (s + 1) + "." + b, named);
            }
        }
        named.put(BINARY_HEAD + ".weight", binaryHead.getDirectParameters().get("weight"));
        named.put(BINARY_HEAD + ".bias", binaryHead.getDirectParameters().get("bias"));
        named.put(SOURCE_HEAD + ".weight", sourceHead.getDirectParameters().get("weight"));
        named.put(SOURCE_HEAD + ".bias", sourceHead.getDirectParameters().get("bias"));
        return Collections.unmodifiableMap(named);
    }

    /** True for parameters of the backbone (everything but the two heads). */
    public static boolean isBackboneParameter(String torchvisionName) {
        return !torchvisionName.startsWith(BINARY_HEAD + ".") && !torchvisionName.startsWith(SOURCE_HEAD + ".");
    }

    /**
     * Freezes or unfreezes the backbone. A frozen backbone gets no gradients and runs its batch norms in inference
     * mode: a frozen batch norm would otherwise keep moving its running statistics in every training step.
     * Only learnable tensors are unfrozen; running statistics are never trainable.
     */
    public void setBackboneTrainable(boolean trainable) {
        this.backboneTrainable = trainable;
        namedParameters().forEach((name, parameter) -> {
            if (isBackboneParameter(name) && isLearnable(parameter)) {
                parameter.freeze(!trainable);
            }
        });
    }

    public boolean isBackboneTrainable() {
        return backboneTrainable;
    }

    static boolean isLearnable(Parameter parameter) {
        return parameter.getType() != Parameter.Type.RUNNING_MEAN && parameter.getType() != Parameter.Type.RUNNING_VAR;
    }

    /**
     * Small random head weights and zero biases, so the first logits are near 0 and the first losses near their
     * chance values (ln 2 and ln 6); fan-based initialisation of a 6-wide layer would start far off and unstable.
     */
    public void resetHeads() {
        for (Linear head : List.of(binaryHead, sourceHead)) {
            NDArray weight = head.getDirectParameters().get("weight").getArray();
            try (NDArray fresh = weight.getManager().randomNormal(0f, 0.01f, weight.getShape(), weight.getDataType())) {
                weight.set(java.nio.FloatBuffer.wrap(fresh.toFloatArray()));
            }
            head.getDirectParameters().get("bias").getArray().muli(0);
        }
    }

    /** See {@link Bottleneck#zeroInitResidual()}; only meaningful right after random initialisation. */
    public void zeroInitResiduals() {
        stages.forEach(stage -> stage.forEach(Bottleneck::zeroInitResidual));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        boolean backboneTraining = training && backboneTrainable;
        NDList x = new NDList(Activation.relu(stem.forward(store, inputs, backboneTraining, params).singletonOrThrow()));
        x = new NDList(Pool.maxPool2d(x.singletonOrThrow(), new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false));
        for (List<Bottleneck> stage : stages) {
            for (Bottleneck block : stage) {
                x = block.forward(store, x, backboneTraining, params);
            }
        }
        NDArray features = x.singletonOrThrow();
        // PyTorch in DJL averages one axis at a time.
        NDArray pooled = features.mean(new int[] {3}).mean(new int[] {2});
        NDList pooledList = new NDList(pooled);
        NDArray aiLogit = binaryHead.forward(store, pooledList, training, params).singletonOrThrow();
        NDArray sourceLogits = sourceHead.forward(store, pooledList, training, params).singletonOrThrow();
        aiLogit.setName(TensorNames.AI_LOGIT);
        sourceLogits.setName(TensorNames.SOURCE_LOGITS);
        features.setName(TensorNames.FEATURES);
        return new NDList(aiLogit, sourceLogits, features);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape input = inputShapes[0];
        long batch = input.get(0);
        long h = input.get(2);
        long w = input.get(3);
        // stem conv (k7 s2 p3) then max pool (k3 s2 p1) then the stage strides
        h = (h + 2 * 3 - 7) / 2 + 1;
        w = (w + 2 * 3 - 7) / 2 + 1;
        h = (h + 2 - 3) / 2 + 1;
        w = (w + 2 - 3) / 2 + 1;
        for (Architecture.Stage stage : architecture.stages()) {
            h = (h + 2 - 3) / stage.stride() + 1;
            w = (w + 2 - 3) / stage.stride() + 1;
        }
        return new Shape[] {new Shape(batch, 1), new Shape(batch, architecture.sourceClasses()),
            new Shape(batch, architecture.featureChannels(), h, w)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        stem.initialize(manager, dataType, inputShapes);
        Shape[] shape = stem.getOutputShapes(inputShapes);
        Shape s = shape[0];
        shape = new Shape[] {new Shape(s.get(0), s.get(1), (s.get(2) + 2 - 3) / 2 + 1, (s.get(3) + 2 - 3) / 2 + 1)};
        for (List<Bottleneck> stage : stages) {
            for (Bottleneck block : stage) {
                block.initialize(manager, dataType, shape);
                shape = block.getOutputShapes(shape);
            }
        }
        Shape pooled = new Shape(shape[0].get(0), shape[0].get(1));
        binaryHead.initialize(manager, dataType, pooled);
        sourceHead.initialize(manager, dataType, pooled);
    }
}
