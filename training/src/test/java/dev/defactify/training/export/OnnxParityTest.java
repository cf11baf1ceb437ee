package dev.defactify.training.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.defactify.training.model.Architecture;
import dev.defactify.training.model.DeFactifyNet;
import dev.defactify.training.model.InitialWeights;
import dev.defactify.training.model.RandomBatchNorm;
import dev.defactify.training.model.TensorNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxParityTest {

    @TempDir
    Path dir;

    @Test
    void smallNetworkExportsWithinOneInTenThousand() throws Exception {
        ParityResult result = exportAndCompare(Architecture.SMALL, 96, 5, 1e-4);
        assertTrue(result.passed(), () -> "small parity " + result);
        assertEquals(5, result.samples());
        assertEquals(Set.of(TensorNames.AI_LOGIT, TensorNames.SOURCE_LOGITS, TensorNames.FEATURES),
                result.perOutput().keySet());
    }

    @Test
    void resnet50ExportsWithinOneInAThousand() throws Exception {
        ParityResult result = exportAndCompare(Architecture.RESNET50, 224, 3, 1e-3);
        assertTrue(result.passed(), () -> "resnet50 parity " + result);
    }

    @Test
    void aCorruptedWeightIsCaughtByTheCheck() throws Exception {
        Engine.getInstance().setRandomSeed(3);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DeFactifyNet net = randomNet(Architecture.SMALL, manager, 64);
            Path onnx = dir.resolve("drift.onnx");
            new OnnxExporter("test").write(net, 64, onnx);
            // the trained network moves on after export: the check must notice
            net.namedParameters().get("layer2.0.bn2.running_mean").getArray().addi(0.5f);
            ParityResult result = new ParityCheck(2).compare(net, manager, onnx, inputs(2, 64, 11), 64, 1e-4);
            assertFalse(result.passed(), () -> "a moved weight went unnoticed: " + result);
        }
    }

    @Test
    void graphUsesOnlyTheExpectedOperatorsAndNamesItsIo() throws Exception {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DeFactifyNet net = randomNet(Architecture.SMALL, manager, 64);
            ModelProto model = new OnnxExporter("test").toModel(net, 224);
            Set<String> ops = model.getGraph().getNodeList().stream().map(n -> n.getOpType()).collect(Collectors.toSet());
            assertEquals(Set.of("Conv", "BatchNormalization", "Relu", "MaxPool", "Add", "GlobalAveragePool", "Flatten",
                    "Gemm"), ops);
            assertEquals(TensorNames.IMAGE, model.getGraph().getInput(0).getName());
            assertEquals("batch", model.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
            assertEquals(List.of(TensorNames.AI_LOGIT, TensorNames.SOURCE_LOGITS, TensorNames.FEATURES),
                    model.getGraph().getOutputList().stream().map(o -> o.getName()).toList());
            assertEquals(OnnxExporter.OPSET, model.getOpsetImport(0).getVersion());
            assertEquals(net.namedParameters().size(), model.getGraph().getInitializerCount());
        }
    }

    private ParityResult exportAndCompare(Architecture architecture, int side, int samples, double tolerance)
            throws Exception {
        Engine.getInstance().setRandomSeed(5);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            DeFactifyNet net = randomNet(architecture, manager, side);
            Path onnx = dir.resolve(architecture.name() + ".onnx");
            new OnnxExporter("test").write(net, side, onnx);
            return new ParityCheck(2).compare(net, manager, onnx, inputs(samples, side, 17), side, tolerance);
        }
    }

    /** Random weights with non-trivial batch-norm statistics, so inference-mode BN really is exercised. */
    static DeFactifyNet randomNet(Architecture architecture, NDManager manager, int side) {
        DeFactifyNet net = new DeFactifyNet(architecture);
        net.setInitializer(InitialWeights.weights(), Parameter.Type.WEIGHT);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, side, side));
        RandomBatchNorm.apply(net, 99);
        return net;
    }

    static List<float[]> inputs(int count, int side, long seed) {
        return ModelExport.gaussianInputs(count, side, seed);
    }
}
