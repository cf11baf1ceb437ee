package dev.defactify.training.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.nn.Parameter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeFactifyNetTest {

    @Test
    void resnet50HasTorchvisionParameterNamesAndShapes() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DeFactifyNet net = new DeFactifyNet(Architecture.RESNET50);
            net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 224, 224));
            Map<String, Parameter> named = net.namedParameters();
            assertEquals(new Shape(64, 3, 7, 7), named.get("conv1.weight").getArray().getShape());
            assertEquals(new Shape(2048, 512, 1, 1), named.get("layer4.2.conv3.weight").getArray().getShape());
            assertEquals(new Shape(1024, 512, 1, 1), named.get("layer3.0.downsample.0.weight").getArray().getShape());
            assertEquals(new Shape(256), named.get("layer3.5.bn2.running_var").getArray().getShape());
            assertEquals(new Shape(1, 2048), named.get("binary_head.weight").getArray().getShape());
            assertEquals(new Shape(6, 2048), named.get("source_head.weight").getArray().getShape());
            // torchvision resnet50 has 320 tensors besides fc and num_batches_tracked: 53 conv + 53 bn x 4 + our 4 head tensors
            assertEquals(53 + 53 * 4 + 4, named.size());
            long learnable = named.values().stream().filter(DeFactifyNet::isLearnable)
                    .mapToLong(p -> p.getArray().size()).sum();
            // torchvision resnet50 = 25,557,032 with a 1000-way fc (2,049,000); ours has 2048*7+7 head values instead
            assertEquals(25_557_032L - 2_049_000L + 2048L * 7 + 7, learnable);
        }
    }

    @Test
    void forwardGivesLogitsAndFeatures() {
        Engine.getInstance().setRandomSeed(7);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DeFactifyNet net = new DeFactifyNet(Architecture.SMALL);
            net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 224, 224));
            NDList out = net.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomNormal(new Shape(2, 3, 224, 224))), false);
            assertEquals(new Shape(2, 1), out.get(0).getShape());
            assertEquals(new Shape(2, 6), out.get(1).getShape());
            assertEquals(new Shape(2, 512, 7, 7), out.get(2).getShape());
            Shape[] declared = net.getOutputShapes(new Shape[] {new Shape(2, 3, 224, 224)});
            assertEquals(out.get(2).getShape(), declared[2]);
            assertTrue(out.get(1).isInfinite().any().getBoolean() == false);
        }
    }
}
