package dev.defactify.training.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.defactify.contract.image.InputSpec;
import dev.defactify.contract.image.ResizePolicy;
import dev.defactify.training.export.ModelExport;
import dev.defactify.training.export.OnnxExporter;
import dev.defactify.training.export.ParityCheck;
import dev.defactify.training.export.ParityResult;
import dev.defactify.training.export.UntrainedModel;
import dev.defactify.training.model.Architecture;
import dev.defactify.training.model.TensorNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graphs the quantiser writes, run in ONNX Runtime: the folded float probe computes what the DJL network does, and
 * the QDQ model is one ONNX Runtime actually turns into integer kernels (a QDQ graph it could not fuse would run in
 * float with extra work: correct, and slower than fp32) and that stays close to the fp32 model.
 */
class QuantisedGraphTest {
    private static final int SIDE = 64;

    @TempDir
    static Path dir;

    static UntrainedModel model;
    static FoldedNetwork folded;
    static List<float[]> inputs;
    static Map<String, ActivationRange> ranges;

    @BeforeAll
    static void calibrate() throws Exception {
        model = UntrainedModel.create(Architecture.SMALL, 11, InputSpec.imagenet(SIDE, ResizePolicy.CENTER_CROP));
        folded = FoldedNetwork.of(model.net());
        inputs = ModelExport.gaussianInputs(6, SIDE, 5);
        ranges = new ActivationCalibration(new CalibrationMethod.Percentile(99.999)).ranges(folded, SIDE, inputs,
                "test");
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void theFoldedProbeComputesWhatTheNetworkComputes() throws Exception {
        Path probe = dir.resolve("probe.onnx");
        Files.write(probe, FoldedGraph.probe(folded, SIDE, "test").model().toByteArray());
        ParityResult parity = new ParityCheck(3).compare(model.net(), model.subject().manager(), probe, inputs, SIDE, 1e-4);
        assertTrue(parity.passed(), parity.perOutput().toString());
    }

    @Test
    void calibrationMeasuresTheInputAndEveryActivation() {
        FoldedGraph.Probe probe = FoldedGraph.probe(folded, SIDE, "test");
        assertTrue(ranges.containsKey(TensorNames.IMAGE));
        assertTrue(ranges.keySet().containsAll(probe.activations()));
        assertEquals(probe.activations().size() + 1, ranges.size());
        // ReLU outputs never go below 0; the input (standard normal here) does
        assertEquals(0f, ranges.get("stem").min());
        assertTrue(ranges.get(TensorNames.IMAGE).min() < -2, ranges.get(TensorNames.IMAGE).toString());
    }

    @Test
    void onnxRuntimeRunsTheQuantisedTrunkOnIntegerKernels() throws Exception {
        Path int8 = dir.resolve("int8.onnx");
        Files.write(int8, FoldedGraph.int8(folded, SIDE, ranges, "test").toByteArray());
        Path optimised = dir.resolve("int8-optimised.onnx");
        Engine.getEngine("OnnxRuntime");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setOptimizedModelFilePath(optimised.toString());
            OrtEnvironment.getEnvironment().createSession(int8.toString(), options).close();
        }
        Map<String, Integer> ops = new TreeMap<>();
        for (NodeProto node : ModelProto.parseFrom(Files.readAllBytes(optimised)).getGraph().getNodeList()) {
            ops.merge(node.getDomain() + ":" + node.getOpType(), 1, Integer::sum);
        }
        int blocks = folded.stages().stream().mapToInt(List::size).sum();
        long downsamples = folded.stages().stream().flatMap(List::stream).filter(b -> b.downsample().isPresent())
                .count();
        // every conv but the float stem, every residual sum
        assertEquals((int) (3 * blocks + downsamples), (int) ops.getOrDefault("com.microsoft:QLinearConv", 0), ops.toString());
        assertEquals(blocks, ops.getOrDefault("com.microsoft:QLinearAdd", 0), ops.toString());
        assertFalse(ops.containsKey(":Add"), ops.toString());
        assertFalse(ops.containsKey(":Relu"), "ReLUs fold into the quantisation that follows them: " + ops);
    }

    @Test
    void theInt8ModelStaysCloseToFp32() throws Exception {
        Path fp32 = dir.resolve("fp32.onnx");
        Files.write(fp32, new OnnxExporter("test").toModel(model.net(), SIDE).toByteArray());
        Path int8 = dir.resolve("close.onnx");
        Files.write(int8, FoldedGraph.int8(folded, SIDE, ranges, "test").toByteArray());
        try (OnnxFile a = OnnxFile.open(fp32); OnnxFile b = OnnxFile.open(int8)) {
            OnnxFile.Outputs reference = a.run(inputs, SIDE);
            OnnxFile.Outputs quantised = b.run(inputs, SIDE);
            double spread = spread(reference.sourceLogits());
            double worst = ParityCheck.maxAbsDiff(reference.sourceLogits(), quantised.sourceLogits());
            assertTrue(worst < 0.1 * spread + 1e-3, "source logits differ by " + worst + " of a spread " + spread);
            assertEquals(reference.features().length, quantised.features().length);
            assertTrue(ParityCheck.maxAbsDiff(reference.aiLogit(), quantised.aiLogit()) < 0.05);
        }
    }

    private static double spread(float[] values) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (float v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return hi - lo;
    }
}
