package dev.defactify.training.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.optimizer.Optimizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AdamW or SGD-with-momentum, written out rather than taken from DJL because training needs three things DJL's
 * optimizers do not give: a separate learning rate for the backbone, no weight decay on batch-norm and bias tensors,
 * and optimizer state that can be saved into a checkpoint and restored so that a resumed run continues exactly.
 *
 * <p>Parameters are known by their torchvision names; DJL's per-run parameter ids are mapped once at construction.
 *
 * <p>Data-parallel training keeps one copy of every parameter per device, and DJL's parameter server calls
 * {@link #update} once per copy with the same summed gradient. Moments are therefore kept per (parameter, replica),
 * on the replica's device, as DJL's own Adam keys its state by {@code weight.getDevice()}: one shared buffer would be
 * advanced N times per step and the copies would drift apart. Every replica starts from the same state and sees the
 * same gradient, so the copies stay identical; a checkpoint saves replica 0's moments (under the same names as a
 * one-device run) and a restore seeds every replica from them.
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
    private final List<Device> replicas;
    private final List<Moments> moments;
    private long step;

    /** One replica's optimizer state, by torchvision name; the arrays live on that replica's device. */
    private static final class Moments {
        final Map<String, NDArray> first = new LinkedHashMap<>();
        final Map<String, NDArray> second = new LinkedHashMap<>();
    }

    /**
     * @param namesById    DJL parameter id → torchvision name, for every trainable parameter
     * @param backboneNames names updated at {@code rate × backboneRateFactor}
     * @param decayedNames names that receive weight decay (convolution and linear weights)
     * @param replicas     the training devices, in the trainer's order; replica 0 holds the parameters the model
     *                     saves, so its state is what checkpoints keep
     */
    public DecoupledOptimizer(OptimizerKind kind, LearningRateSchedule schedule, double backboneRateFactor,
                              double weightDecay, float momentum, Map<String, String> namesById,
                              Set<String> backboneNames, Set<String> decayedNames, List<Device> replicas) {
        super(new Settings());
        this.kind = kind;
        this.schedule = schedule;
        this.backboneRateFactor = backboneRateFactor;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.namesById = Map.copyOf(namesById);
        this.backboneNames = Set.copyOf(backboneNames);
        this.decayedNames = Set.copyOf(decayedNames);
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("an optimizer needs at least one training device");
        }
        this.replicas = List.copyOf(replicas);
        this.moments = replicas.stream().map(device -> new Moments()).toList();
    }

    /** The global step the next update belongs to; the training loop sets it before each optimizer step. */
    public void setStep(long step) {
        this.step = step;
    }

    public double rateFor(String name) {
        double rate = schedule.rateAt(step);
        return backboneNames.contains(name) ? rate * backboneRateFactor : rate;
    }

    /** Updates the copy of a parameter that lives on {@code weight}'s device. */
    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        String name = namesById.get(parameterId);
        if (name == null) {
            throw new IllegalStateException("optimizer asked to update an unknown parameter " + parameterId);
        }
        int replica = replicas.indexOf(weight.getDevice());
        if (replica < 0) {
            throw new IllegalStateException("optimizer asked to update " + name + " on " + weight.getDevice()
                    + ", which is not one of the training devices " + replicas);
        }
        update(name, replica, weight, grad);
    }

    /**
     * Updates replica {@code replica} of parameter {@code name} with that replica's own state. Package-private so
     * tests can drive two replicas on the one CPU device DJL has.
     */
    void update(String name, int replica, NDArray weight, NDArray grad) {
        float rate = (float) rateFor(name);
        Moments state = moments.get(replica);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            if (decayedNames.contains(name) && weightDecay > 0) {
                weight.muli(1f - rate * (float) weightDecay);
            }
            NDArray first = state.first.computeIfAbsent(name, k -> detachedZeros(weight));
            switch (kind) {
                case ADAMW -> {
                    NDArray second = state.second.computeIfAbsent(name, k -> detachedZeros(weight));
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

    /**
     * Replica 0's optimizer state by name, e.g. {@code exp_avg/layer1.0.conv1.weight}, for checkpoints: every
     * replica holds the same values, and the format stays that of a one-device run, so a checkpoint resumes on any
     * number of devices.
     */
    public Map<String, NDArray> state() {
        return replicaState(0);
    }

    /** One replica's state, named as in {@link #state()}. */
    Map<String, NDArray> replicaState(int replica) {
        Moments state = moments.get(replica);
        Map<String, NDArray> named = new LinkedHashMap<>();
        state.first.forEach((name, array) -> named.put("exp_avg/" + name, array));
        state.second.forEach((name, array) -> named.put("exp_avg_sq/" + name, array));
        return Collections.unmodifiableMap(named);
    }

    /**
     * Restores state saved by {@link #state()} into every replica; arrays are created in {@code manager} and copied
     * to each replica's device, so all parameter copies continue from the same moments.
     */
    public void restore(Map<String, float[]> saved, Map<String, long[]> shapes, NDManager manager) {
        saved.forEach((key, values) -> {
            boolean firstMoment = key.startsWith("exp_avg/");
            if (!firstMoment && !key.startsWith("exp_avg_sq/")) {
                throw new IllegalArgumentException("unknown optimizer state entry " + key);
            }
            String name = key.substring(key.indexOf('/') + 1);
            for (int replica = 0; replica < replicas.size(); replica++) {
                try (NDManager staging = manager.newSubManager(replicas.get(replica))) {
                    NDArray array = staging.create(values, new ai.djl.ndarray.types.Shape(shapes.get(key)));
                    array.attach(manager);
                    Moments state = moments.get(replica);
                    (firstMoment ? state.first : state.second).put(name, array);
                }
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
