package dev.defactify.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class JointLossTest {

    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }

    @Test
    void matchesHandComputedBceAndCrossEntropyWithPositiveWeight() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            // two images: a real one with logit -1, a generated one with logit 2
            NDList labels = new NDList(manager.create(new float[] {0, 1}, new Shape(2, 1)), manager.create(new int[] {0, 3}));
            float[] source = {2, 0, 0, 0, 0, 0, /* */ 0, 0, 0, 1, 0, 0};
            NDList predictions = new NDList(manager.create(new float[] {-1, 2}, new Shape(2, 1)),
                    manager.create(source, new Shape(2, 6)));
            JointLoss loss = new JointLoss(1f, 0.5f, 3f, 0.6f);
            // BCE: real (weighted 3) → 3 · softplus(-1); generated (weighted 0.6) → 0.6 · softplus(-2)
            double binary = (3 * softplus(-1) + 0.6 * softplus(-2)) / 2;
            double ce0 = -(2 - Math.log(Math.exp(2) + 5));
            double ce1 = -(1 - Math.log(Math.exp(1) + 5));
            double sourceLoss = (ce0 + ce1) / 2;
            assertEquals(binary, loss.binaryLoss(labels, predictions).getFloat(), 1e-6);
            assertEquals(sourceLoss, loss.sourceLoss(labels, predictions).getFloat(), 1e-6);
            assertEquals(binary + 0.5 * sourceLoss, loss.evaluate(labels, predictions).getFloat(), 1e-6);
            assertEquals((softplus(-1) + softplus(-2)) / 2,
                    JointLoss.unbalanced(1f, 1f).binaryLoss(labels, predictions).getFloat(), 1e-6);
        }
    }

    @Test
    void staysFiniteForExtremeLogits() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDList labels = new NDList(manager.create(new float[] {0, 1}, new Shape(2, 1)), manager.create(new int[] {0, 5}));
            NDList predictions = new NDList(manager.create(new float[] {500, -500}, new Shape(2, 1)),
                    manager.create(new float[] {-400, 0, 0, 0, 0, 400, 400, 0, 0, 0, 0, -400}, new Shape(2, 6)));
            JointLoss loss = JointLoss.unbalanced(1f, 1f);
            assertEquals(500, loss.binaryLoss(labels, predictions).getFloat(), 1e-3);
            assertEquals(800, loss.sourceLoss(labels, predictions).getFloat(), 1e-2);
        }
    }
}
