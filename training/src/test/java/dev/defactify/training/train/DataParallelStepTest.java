package dev.defactify.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import dev.defactify.contract.label.SourceLabel;
import dev.defactify.training.data.FileLocation;
import dev.defactify.training.data.LabelledImage;
import dev.defactify.training.model.Architecture;
import dev.defactify.training.model.DeFactifyNet;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The data-parallel step on the CPU, DJL's only CPU device. Several slices sent to that one device run against one
 * parameter copy, so their gradients add up in it exactly as the parameter server adds the devices' gradients.
 */
class DataParallelStepTest {
    private static final int SIDE = 32;
    private static final JointLoss LOSS = new JointLoss(1f, 0.5f, 0.6f, 3f); // class-weighted: not a plain mean

    @Test
    void slicesWeightedByTheirShareGiveTheFullBatchGradientAndLoss() {
        // A frozen backbone runs batch norm on its running statistics, so every image's output is independent of
        // the rest of the batch and only the slicing and weighting can make the gradients differ.
        withTrainer((net, trainer, model) -> {
            net.setBackboneTrainable(false);
            PreparedBatch batch = batch(7);
            DataParallelStep whole = new DataParallelStep(trainer, model.getNDManager(), LOSS, 1f, 0.5f);
            DataParallelStep.Losses full = whole.gradients(batch);
            Map<String, float[]> fullGradients = headGradients(net);
            DataParallelStep threeWays = new DataParallelStep(trainer, model.getNDManager(), LOSS, 1f, 0.5f,
                    List.of(Device.cpu(), Device.cpu(), Device.cpu()));
            DataParallelStep.Losses split = threeWays.gradients(batch);
            Map<String, float[]> splitGradients = headGradients(net);
            fullGradients.forEach((name, expected) -> {
                float scale = 0;
                for (float v : expected) {
                    scale = Math.max(scale, Math.abs(v));
                }
                assertTrue(scale > 0, name + " got no gradient");
                assertArrayEquals(expected, splitGradients.get(name), scale * 1e-5f, name);
            });
            assertEquals(full.binary(), split.binary(), 1e-6);
            assertEquals(full.source(), split.source(), 1e-6);
            assertEquals(full.total(), split.total(), 1e-6);
            assertEquals(full.binary() + 0.5 * full.source(), full.total(), 1e-6);
        });
    }

    @Test
    void everyParameterCopyHasItsGradientZeroedBeforeAStep() {
        withTrainer((net, trainer, model) -> {
            // What the trainer keeps for another device: a copy of the parameter, a leaf that takes its own
            // gradients, attached to the trainer's manager. (A ParameterStore cannot make one on the CPU: DJL's
            // toDevice onto the array's own device returns the same tensor, whatever its copy flag says.)
            Parameter head = net.namedParameters().get("source_head.weight");
            NDArray mirror = head.getArray().duplicate();
            mirror.attach(trainer.getManager());
            mirror.setRequiresGradient(true);
            try (GradientCollector collector = trainer.newGradientCollector()) {
                collector.backward(mirror.mul(2).sum());
            }
            assertEquals(2f * mirror.size(), absSum(mirror), 0f, "the copy took its gradient");
            zeroParameterGradientsOnly(net);
            assertTrue(absSum(mirror) > 0, "zeroing the parameters alone leaves the copies' gradients to pile up");
            DataParallelStep.zeroGradients(model.getNDManager());
            assertEquals(0f, absSum(mirror), 0f);
        });
    }

    /** What zeroing used to reach: the network's own parameter arrays, not the trainer's copies of them. */
    private static void zeroParameterGradientsOnly(DeFactifyNet net) {
        for (var parameter : net.namedParameters().values()) {
            NDArray array = parameter.getArray();
            if (array.hasGradient()) {
                try (NDArray gradient = array.getGradient()) {
                    gradient.subi(gradient);
                }
            }
        }
    }

    private interface WithTrainer {
        void run(DeFactifyNet net, Trainer trainer, Model model);
    }

    private static void withTrainer(WithTrainer test) {
        Engine.getInstance().setRandomSeed(3);
        DeFactifyNet net = new DeFactifyNet(Architecture.SMALL);
        Map<String, String> ids = new LinkedHashMap<>();
        net.namedParameters().forEach((name, parameter) -> ids.put(parameter.getId(), name));
        DecoupledOptimizer optimizer = new DecoupledOptimizer(OptimizerKind.SGD, new LearningRateSchedule(0.01, 0, 10,
                0.1), 1, 0, 0.9f, ids, Set.of(), Set.of(), List.of(Device.cpu()));
        try (Model model = Model.newInstance("data-parallel", Device.cpu(), "PyTorch")) {
            model.setBlock(net);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(LOSS).optOptimizer(optimizer)
                    .optDevices(new Device[] {Device.cpu()})
                    .optInitializer(new NormalInitializer(0.05f), Parameter.Type.WEIGHT))) {
                trainer.initialize(new Shape(7, 3, SIDE, SIDE));
                net.resetHeads();
                test.run(net, trainer, model);
            }
        }
    }

    private static PreparedBatch batch(int size) {
        Random random = new Random(size);
        float[] pixels = new float[size * 3 * SIDE * SIDE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextGaussian();
        }
        List<LabelledImage> images = IntStream.range(0, size).mapToObj(i -> new LabelledImage("img" + i, "g" + i,
                SourceLabel.inHeadOrder().get(i % SourceLabel.count()), new FileLocation(Path.of("img" + i))))
                .toList();
        float[] taskA = new float[size];
        int[] source = new int[size];
        for (int i = 0; i < size; i++) {
            source[i] = images.get(i).label().ordinal() % SourceLabel.count();
            taskA[i] = images.get(i).label().isGenerated() ? 1 : 0;
        }
        return new PreparedBatch(images, pixels, taskA, source, SIDE);
    }

    private static Map<String, float[]> headGradients(DeFactifyNet net) {
        Map<String, float[]> gradients = new LinkedHashMap<>();
        net.namedParameters().forEach((name, parameter) -> {
            if (!DeFactifyNet.isBackboneParameter(name)) {
                try (NDArray gradient = parameter.getArray().getGradient()) {
                    gradients.put(name, gradient.toFloatArray());
                }
            }
        });
        return gradients;
    }

    private static float absSum(NDArray array) {
        try (NDArray gradient = array.getGradient(); NDArray sum = gradient.abs().sum()) {
            return sum.getFloat();
        }
    }
}
