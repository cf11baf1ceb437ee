package dev.defactify.training.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import dev.defactify.training.model.Architecture;
import dev.defactify.training.model.DeFactifyNet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole update path (trainer, joint loss, decoupled AdamW, gradient reset) must be able to fit one batch. */
class OverfitOneBatchTest {
    @Test
    void jointLossFallsByOrdersOfMagnitudeOnAFixedBatch() {
        Engine.getInstance().setRandomSeed(1);
        DeFactifyNet net = new DeFactifyNet(Architecture.SMALL);
        Map<String, String> ids = new LinkedHashMap<>();
        net.namedParameters().forEach((n, p) -> ids.put(p.getId(), n));
        DecoupledOptimizer opt = new DecoupledOptimizer(OptimizerKind.ADAMW, new LearningRateSchedule(3e-3, 0, 100, 0.01),
                1.0, 0.0, 0.9f, ids, new HashSet<>(), new HashSet<>(), java.util.List.of(Device.cpu()));
        JointLoss loss = JointLoss.unbalanced(1, 1);
        try (Model model = Model.newInstance("p", Device.cpu(), "PyTorch")) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(opt)
                    .optDevices(new Device[] {Device.cpu()})
                    .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                            XavierInitializer.FactorType.OUT, 2), Parameter.Type.WEIGHT))) {
                trainer.initialize(new Shape(8, 3, 32, 32));
                net.zeroInitResiduals();
                net.resetHeads();
                NDManager m = trainer.getManager();
                NDArray x = m.randomNormal(new Shape(8, 3, 32, 32));
                NDList labels = new NDList(m.create(new float[] {0, 1, 1, 1, 0, 1, 1, 1}, new Shape(8, 1)),
                        m.create(new int[] {0, 1, 2, 3, 0, 4, 5, 1}));
                float first = Float.NaN;
                float last = Float.NaN;
                for (int step = 0; step < 30; step++) {
                    opt.setStep(step);
                    DataParallelStep.zeroGradients(model.getNDManager());
                    float l;
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDList pred = trainer.forward(new NDList(x));
                        NDArray total = loss.evaluate(labels, pred);
                        gc.backward(total);
                        l = total.getFloat();
                    }
                    trainer.step();
                    first = step == 0 ? l : first;
                    last = l;
                }
                org.junit.jupiter.api.Assertions.assertTrue(last < first / 100, "loss went " + first + " -> " + last);
            }
        }
    }
}
