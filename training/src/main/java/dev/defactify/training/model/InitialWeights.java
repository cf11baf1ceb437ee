package dev.defactify.training.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;

/**
 * How DeFactifyNet gets its weights before it has learned anything. A training run from scratch and the untrained
 * export both go through here, so an untrained {@code model.onnx} is exactly the network that training with the same
 * seed would start from.
 */
public final class InitialWeights {
    private InitialWeights() {
    }

    /** Seeds the engine's generator, which draws every initial weight and the heads. */
    public static void seedEngine(long seed) {
        // the engine takes an int seed; the low 32 bits keep distinct small seeds distinct
        Engine.getInstance().setRandomSeed((int) seed);
    }

    /**
     * Kaiming-normal (fan-out) for convolutions, as torchvision initialises ResNets; the heads are re-drawn small by
     * {@link #fromScratch} once the shapes are known.
     */
    public static Initializer weights() {
        return new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2);
    }

    /** The adjustments a randomly initialised network gets when no pretrained weights are imported. */
    public static void fromScratch(DeFactifyNet net) {
        net.zeroInitResiduals();
        net.resetHeads();
    }

    /**
     * A seeded, randomly initialised network on {@code manager}, in the state a training run from scratch starts in.
     * Parameter shapes do not depend on the batch, so initialising with a batch of 1 draws the same weights.
     */
    public static DeFactifyNet untrained(Architecture architecture, long seed, NDManager manager, int inputSize) {
        seedEngine(seed);
        DeFactifyNet net = new DeFactifyNet(architecture);
        net.setInitializer(weights(), Parameter.Type.WEIGHT);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, inputSize, inputSize));
        fromScratch(net);
        return net;
    }
}
