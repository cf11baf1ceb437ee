package dev.defactify.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The optimizer's side of data parallelism. DJL's parameter server calls {@code update} once per device copy of a
 * parameter with the same summed gradient; DJL has one CPU device, so these tests drive two replicas through the
 * replica-indexed update the public one resolves to, exactly as the server would on two GPUs.
 */
class DecoupledOptimizerReplicaTest {
    private static final String CONV = "layer1.0.conv1.weight";
    private static final String BIAS = "source_head.bias";
    private static final Shape SHAPE = new Shape(4, 3);

    private static DecoupledOptimizer optimizer(OptimizerKind kind, int replicas) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("id-conv", CONV);
        names.put("id-bias", BIAS);
        List<Device> devices = java.util.Collections.nCopies(replicas, Device.cpu());
        return new DecoupledOptimizer(kind, new LearningRateSchedule(0.05, 1, 20, 0.1), 0.5, 0.1, 0.9f, names,
                Set.of(CONV), Set.of(CONV), devices);
    }

    private static float[] gradient(long step, String name) {
        Random random = new Random(step * 31 + name.hashCode());
        float[] values = new float[(int) SHAPE.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** What LocalParameterServer does for one parameter: the same gradient, once per copy, in device order. */
    private static void step(DecoupledOptimizer optimizer, NDManager manager, long step, String name,
                             List<NDArray> copies) {
        optimizer.setStep(step);
        try (NDArray grad = manager.create(gradient(step, name), SHAPE)) {
            for (int replica = 0; replica < copies.size(); replica++) {
                optimizer.update(name, replica, copies.get(replica), grad);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void copiesOfAParameterStayBitIdenticalAndMatchAOneDeviceRun(OptimizerKind kind) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DecoupledOptimizer twoDevices = optimizer(kind, 2);
            DecoupledOptimizer oneDevice = optimizer(kind, 1);
            NDArray start = manager.randomNormal(SHAPE);
            List<NDArray> copies = List.of(start.duplicate(), start.duplicate());
            List<NDArray> biasCopies = List.of(start.duplicate(), start.duplicate());
            NDArray single = start.duplicate();
            for (long t = 0; t < 5; t++) {
                step(twoDevices, manager, t, CONV, copies);
                step(twoDevices, manager, t, BIAS, biasCopies);
                step(oneDevice, manager, t, CONV, List.of(single));
            }
            assertArrayEquals(copies.get(0).toFloatArray(), copies.get(1).toFloatArray(), 0f,
                    "a shared state would advance twice per step and the copies would drift apart");
            assertArrayEquals(single.toFloatArray(), copies.get(0).toFloatArray(), 0f);
            assertTrue(!java.util.Arrays.equals(start.toFloatArray(), single.toFloatArray()), "the optimizer moved");

            // one state entry per (parameter, replica): same names, separate arrays, same values
            Map<String, NDArray> first = twoDevices.replicaState(0);
            Map<String, NDArray> second = twoDevices.replicaState(1);
            int perParameter = kind == OptimizerKind.ADAMW ? 2 : 1;
            assertEquals(2 * perParameter, first.size());
            assertEquals(first.keySet(), second.keySet());
            first.forEach((key, array) -> {
                assertNotSame(array, second.get(key), key);
                assertArrayEquals(array.toFloatArray(), second.get(key).toFloatArray(), 0f, key);
            });
            assertEquals(first.keySet(), twoDevices.state().keySet(), "checkpoints keep replica 0, named as before");
            assertEquals(oneDevice.state().keySet(), Set.copyOf(
                    first.keySet().stream().filter(key -> key.endsWith(CONV)).toList()));
        }
    }

    @Test
    void aRestoredCheckpointSeedsEveryReplicaAndResumesBitExactly() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DecoupledOptimizer uninterrupted = optimizer(OptimizerKind.ADAMW, 2);
            NDArray start = manager.randomNormal(SHAPE);
            List<NDArray> copies = List.of(start.duplicate(), start.duplicate());
            for (long t = 0; t < 3; t++) {
                step(uninterrupted, manager, t, CONV, copies);
            }
            // the checkpoint: replica 0's weights and optimizer state, as TrainingRun saves them
            float[] savedWeights = copies.get(0).toFloatArray();
            Map<String, float[]> saved = new LinkedHashMap<>();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            uninterrupted.state().forEach((key, array) -> {
                saved.put(key, array.toFloatArray());
                shapes.put(key, array.getShape().getShape());
            });
            DecoupledOptimizer resumed = optimizer(OptimizerKind.ADAMW, 2);
            resumed.restore(saved, shapes, manager);
            List<NDArray> resumedCopies = List.of(manager.create(savedWeights, SHAPE),
                    manager.create(savedWeights, SHAPE));
            for (long t = 3; t < 6; t++) {
                step(uninterrupted, manager, t, CONV, copies);
                step(resumed, manager, t, CONV, resumedCopies);
            }
            for (int replica = 0; replica < 2; replica++) {
                assertArrayEquals(copies.get(replica).toFloatArray(), resumedCopies.get(replica).toFloatArray(), 0f,
                        "replica " + replica);
            }
            assertNotSame(resumed.replicaState(0).get("exp_avg/" + CONV), resumed.replicaState(1).get("exp_avg/" + CONV),
                    "each replica needs its own copy of the restored moments");
        }
    }

    @Test
    void theReplicaIsTheDeviceTheParameterCopyLivesOn() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray weight = manager.ones(SHAPE);
            NDArray grad = manager.ones(SHAPE);
            DecoupledOptimizer onGpus = new DecoupledOptimizer(OptimizerKind.SGD, new LearningRateSchedule(0.1, 0, 10,
                    0.1), 1, 0, 0.9f, Map.of("id", BIAS), Set.of(), Set.of(), List.of(Device.gpu(0), Device.gpu(1)));
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> onGpus.update("id", weight, grad));
            assertTrue(refused.getMessage().contains("not one of the training devices"), refused.getMessage());
            DecoupledOptimizer onCpu = new DecoupledOptimizer(OptimizerKind.SGD, new LearningRateSchedule(0.1, 0, 10,
                    0.1), 1, 0, 0.9f, Map.of("id", BIAS), Set.of(), Set.of(), List.of(Device.cpu()));
            onCpu.update("id", weight, grad);
            assertEquals(Set.of("exp_avg/" + BIAS), onCpu.replicaState(0).keySet());
        }
    }
}
