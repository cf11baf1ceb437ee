package dev.defactify.training.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.NormalInitializer;
import dev.defactify.training.weights.NamedTensor;
import dev.defactify.training.weights.SafetensorsReader;
import dev.defactify.training.weights.SafetensorsWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A torchvision-named safetensors file, written here the way the hub publishes ResNet-50 weights. */
class PretrainedWeightsTest {

    @TempDir
    Path dir;

    @Test
    void importsEveryBackboneTensorByNameAndLeavesTheHeadsAlone() {
        Engine.getInstance().setRandomSeed(1);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DeFactifyNet source = net(manager, Architecture.RESNET50);
            List<NamedTensor> tensors = new ArrayList<>(NetworkWeights.snapshot(source).stream()
                    .filter(t -> DeFactifyNet.isBackboneParameter(t.name())).toList());
            // what torchvision files carry besides the backbone
            tensors.add(new NamedTensor("fc.weight", new long[] {1000, 2048}, new float[1000 * 2048]));
            tensors.add(new NamedTensor("fc.bias", new long[] {1000}, new float[1000]));
            tensors.add(new NamedTensor("bn1.num_batches_tracked", new long[] {}, new float[] {1}));
            Path file = dir.resolve("resnet50.tv_in1k.safetensors");
            new SafetensorsWriter().write(file, tensors, Map.of("format", "pt"));

            DeFactifyNet target = net(manager, Architecture.RESNET50);
            float[] headBefore = target.namedParameters().get("source_head.weight").getArray().toFloatArray();
            PretrainedWeights.ImportReport report = PretrainedWeights.importInto(target, new SafetensorsReader().read(file));

            assertEquals(53 * 5, report.imported());
            assertEquals(List.of("fc.bias", "fc.weight"), report.skipped().stream().sorted().toList());
            assertArrayEquals(source.namedParameters().get("layer4.2.conv3.weight").getArray().toFloatArray(),
                    target.namedParameters().get("layer4.2.conv3.weight").getArray().toFloatArray());
            assertArrayEquals(source.namedParameters().get("layer2.3.bn2.running_var").getArray().toFloatArray(),
                    target.namedParameters().get("layer2.3.bn2.running_var").getArray().toFloatArray());
            assertArrayEquals(headBefore, target.namedParameters().get("source_head.weight").getArray().toFloatArray());
        }
    }

    @Test
    void refusesAMissingOrMisshapenTensorNamingIt() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DeFactifyNet source = net(manager, Architecture.SMALL);
            List<NamedTensor> tensors = new ArrayList<>(NetworkWeights.snapshot(source));
            tensors.removeIf(t -> t.name().equals("layer3.0.bn2.running_mean"));
            tensors.replaceAll(t -> t.name().equals("conv1.weight")
                    ? new NamedTensor("conv1.weight", new long[] {16, 3, 3, 3}, new float[16 * 27]) : t);
            Path file = dir.resolve("broken.safetensors");
            new SafetensorsWriter().write(file, tensors, Map.of());
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> PretrainedWeights.importInto(net(manager, Architecture.SMALL), new SafetensorsReader().read(file)));
            assertTrue(error.getMessage().contains("missing layer3.0.bn2.running_mean"), error.getMessage());
            assertTrue(error.getMessage().contains("conv1.weight is [16, 3, 3, 3]"), error.getMessage());
        }
    }

    @Test
    void refusesWeightsOfAnotherArchitecture() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Path file = dir.resolve("small.safetensors");
            new SafetensorsWriter().write(file, NetworkWeights.snapshot(net(manager, Architecture.SMALL)), Map.of());
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> PretrainedWeights.importInto(net(manager, Architecture.RESNET50), new SafetensorsReader().read(file)));
            assertTrue(error.getMessage().contains("resnet50"), error.getMessage());
        }
    }

    private static DeFactifyNet net(NDManager manager, Architecture architecture) {
        DeFactifyNet net = new DeFactifyNet(architecture);
        net.setInitializer(new NormalInitializer(0.05f), Parameter.Type.WEIGHT);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 64, 64));
        return net;
    }
}
