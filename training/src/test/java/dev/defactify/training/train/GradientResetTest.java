package dev.defactify.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import dev.defactify.training.model.Architecture;
import dev.defactify.training.model.DeFactifyNet;
import org.junit.jupiter.api.Test;

/** Guards the trap that made early training diverge: PyTorch accumulates gradients across backward passes. */
class GradientResetTest {

    @Test
    void theSecondBackwardPassSeesOnlyItsOwnGradient() {
        Engine.getInstance().setRandomSeed(2);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DeFactifyNet net = new DeFactifyNet(Architecture.SMALL);
            net.setInitializer(new NormalInitializer(0.05f), Parameter.Type.WEIGHT);
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 64, 64));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray input = manager.randomNormal(new Shape(2, 3, 64, 64));
            float[] first = backward(net, store, input);
            float[] accumulated = backward(net, store, input);
            assertEquals(2 * first[0], accumulated[0], Math.abs(first[0]) * 1e-4 + 1e-9);
            DataParallelStep.zeroGradients(manager);
            float[] fresh = backward(net, store, input);
            assertArrayEquals(first, fresh, 1e-6f);
        }
    }

    private static float[] backward(DeFactifyNet net, ParameterStore store, NDArray input) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList out = net.forward(store, new NDList(input), false);
            collector.backward(out.get(1).sum());
        }
        try (NDArray gradient = net.namedParameters().get("source_head.weight").getArray().getGradient()) {
            return gradient.toFloatArray();
        }
    }
}
