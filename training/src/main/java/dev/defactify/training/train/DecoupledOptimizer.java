package dev.defactify.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * AdamW or SGD-with-momentum, written out rather than taken from DJL because training needs three things DJL's
 * optimizers do not give: a separate learning rate for the backbone, no weight decay on batch-norm and bias tensors,
 * and optimizer state that can be saved into a checkpoint and restored so that a resumed run continues exactly.
 *
 * <p>Parameters are known by their torchvision names; DJL's per-run parameter ids are mapped once at construction.
 */
public final class DecoupledOptimizer extends Optimizer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final OptimizerKind kind;
    private final LearningRateSchedule schedule;
    private final double backboneRateFactor;
    private final double weightDecay;
    private final float momentum;
    private final Map<String, String> namesById;
    private final Set<String> backboneNames;
    private final Set<String> decayedNames;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long step;

    /**
     * @param namesById    DJL parameter id → torchvision name, for every trainable parameter
     * @param backboneNames names updated at {@code rate × backboneRateFactor}
     * @param decayedNames names that receive weight decay (convolution and linear weights)
     */
    public DecoupledOptimizer(OptimizerKind kind, LearningRateSchedule schedule, double backboneRateFactor,
                              double weightDecay, float momentum, Map<String, String> namesById,
                              Set<String> backboneNames, Set<String> decayedNames) {
        super(new Settings());
        this.kind = kind;
        this.schedule = schedule;
        this.backboneRateFactor = backboneRateFactor;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.namesById = Map.copyOf(namesById);
        this.backboneNames = Set.copyOf(backboneNames);
        this.decayedNames = Set.copyOf(decayedNames);
    }

    /** The global step the next update belongs to; the training loop sets it before each optimizer step. */
    public void setStep(long step) {
        this.step = step;
    }

    public double rateFor(String name) {
        double rate = schedule.rateAt(step);
        return backboneNames.contains(name) ? rate * backboneRateFactor : rate;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        String name = namesById.get(parameterId);
        if (name == null) {
            throw new IllegalStateException("optimizer asked to update an unknown parameter " + parameterId);
        }
        float rate = (float) rateFor(name);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            if (decayedNames.contains(name) && weightDecay > 0) {
                weight.muli(1f - rate * (float) weightDecay);
            }
            NDArray first = firstMoments.computeIfAbsent(name, k -> detachedZeros(weight));
            switch (kind) {
                case ADAMW -> {
                    NDArray second = secondMoments.computeIfAbsent(name, k -> detachedZeros(weight));
                    first.muli(BETA1).addi(grad.mul(1f - BETA1));
                    second.muli(BETA2).addi(grad.square().muli(1f - BETA2));
                    long t = step + 1;
                    float firstCorrection = (float) (1 - Math.pow(BETA1, t));
                    float secondCorrection = (float) (1 - Math.pow(BETA2, t));
                    NDArray denominator = second.div(secondCorrection).sqrt().addi(EPSILON);
                    weight.subi(first.div(denominator).muli(rate / firstCorrection));
                }
                case SGD -> {
                    first.muli(momentum).addi(grad);
                    weight.subi(first.mul(rate));
                }
            }
        }
    }

    private static NDArray detachedZeros(NDArray like) {
        NDArray zeros = like.zerosLike();
        NDScope.unregister(zeros);
        return zeros;
    }

    /** Optimizer state by name, e.g. {@code exp_avg/layer1.0.conv1.weight}, for checkpoints. */
    public Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        firstMoments.forEach((name, array) -> state.put("exp_avg/" + name, array));
        secondMoments.forEach((name, array) -> state.put("exp_avg_sq/" + name, array));
        return Collections.unmodifiableMap(state);
    }

    /** Restores state saved by {@link #state()}; arrays are copied into {@code manager}. */
    public void restore(Map<String, float[]> saved, Map<String, long[]> shapes, NDManager manager) {
        saved.forEach((key, values) -> {
            NDArray array = manager.create(values, new ai.djl.ndarray.types.Shape(shapes.get(key)));
            if (key.startsWith("exp_avg/")) {
                firstMoments.put(key.substring("exp_avg/".length()), array);
            } else if (key.startsWith("exp_avg_sq/")) {
                secondMoments.put(key.substring("exp_avg_sq/".length()), array);
            } else {
                throw new IllegalArgumentException("unknown optimizer state entry " + key);
            }
        });
    }

    private static final class Settings extends OptimizerBuilder<Settings> {
        @Override
        protected Settings self() {
            return this;
        }
    }
}
