package dev.defactify.training.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.image.ResizePolicy;
import dev.defactify.contract.manifest.Agreement;
import dev.defactify.contract.manifest.ManifestCodec;
import dev.defactify.contract.manifest.ModelFile;
import dev.defactify.contract.manifest.ModelManifest;
import dev.defactify.contract.manifest.Precision;
import dev.defactify.contract.util.Sha256;
import dev.defactify.training.cli.TrainingCli;
import dev.defactify.training.data.Datasets;
import dev.defactify.training.data.Split;
import dev.defactify.training.quantize.CalibrationMethod;
import dev.defactify.training.data.demo.DemoDataGenerator;
import dev.defactify.training.progress.ProgressReporter;
import dev.defactify.training.train.ClassBalance;
import dev.defactify.training.train.OptimizerKind;
import dev.defactify.training.train.RunDirectory;
import dev.defactify.training.train.TrainedRun;
import dev.defactify.training.train.TrainingConfig;
import dev.defactify.training.train.TrainingRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelExportTest {

    @TempDir
    static Path shared;

    static Path run;

    @TempDir
    Path dir;

    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    private final ManifestFactory manifests = new ManifestFactory(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"),
            ZoneOffset.UTC));

    @BeforeAll
    static void trainedRun() throws Exception {
        Path data = shared.resolve("data");
        new DemoDataGenerator().generate(data, 3, 2L);
        run = shared.resolve("run");
        TrainingConfig config = new TrainingConfig(data.toString(), "small", 1, 8, OptimizerKind.ADAMW, 1e-3, 1.0, 0.05,
                0.9f, 0, 0.01, 0, 1f, 1f, ClassBalance.POS_WEIGHT, 1, 64, ResizePolicy.RESIZE_SHORTER_THEN_CENTER_CROP
                .slug(), null, "cpu", 2, false);
        new TrainingRun(config, new RunDirectory(run), ProgressReporter.silent(), new PrintStream(
                new ByteArrayOutputStream()), Clock.systemUTC()).execute(false);
    }

    @Test
    void writesTheModelAndAValidManifestWhenParityHolds() throws Exception {
        try (TrainedRun trained = TrainedRun.open(run)) {
            ExportResult result = new ModelExport(quiet, 3, 4).export(trained, dir, manifests);
            ManifestCodec codec = new ManifestCodec();
            var manifest = codec.read(dir.resolve("manifest.json"));
            // numbers in the free-form config come back as JSON's types; compare what is on disk
            assertEquals(codec.toJson(result.manifest()), codec.toJson(manifest));
            assertTrue(manifest.version().startsWith("2026-11-25T10-00-00Z-"), manifest.version());
            assertEquals(3 + 4, manifest.parity().samples());
            assertEquals(1e-4, manifest.parity().tolerance());
        }
    }

    @Test
    void aFailedParityCheckLeavesNoManifestBehind() throws Exception {
        Files.writeString(dir.resolve("manifest.json"), "{\"left\": \"from an earlier export\"}");
        try (TrainedRun trained = TrainedRun.open(run)) {
            // no two engines agree to 0: a zero tolerance must fail, the way real drift would
            ModelExport strict = new ModelExport(quiet, 2, 0, 0.0, (Int8Export) null);
            ModelExport.ParityFailedException error = assertThrows(ModelExport.ParityFailedException.class,
                    () -> strict.export(trained, dir, manifests));
            assertTrue(error.getMessage().contains("no manifest written"), error.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("manifest.json")));
        assertTrue(Files.exists(dir.resolve("model.onnx")));
    }

    @Test
    void anUnfinishedRunIsAClearError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> TrainedRun.open(dir));
        assertTrue(error.getMessage().contains("run 'train' first"), error.getMessage());
    }

    @Test
    void theInt8FileIsWrittenBesideFp32AndListedWithItsAgreement() throws Exception {
        Agreement.Gate lenient = new Agreement.Gate(1.0, 1.0);
        try (TrainedRun trained = TrainedRun.open(run)) {
            Int8Export int8 = new Int8Export(new Int8Export.Options(new CalibrationMethod.Percentile(99.999), 8, 0),
                    quiet, lenient);
            ExportResult result = new ModelExport(quiet, 3, 4, null, int8).export(trained, dir, manifests);
            assertInstanceOf(Int8Export.Accepted.class, result.int8());
        }
        ModelManifest manifest = new ManifestCodec().read(dir.resolve("manifest.json"));
        assertEquals(List.of(ModelFile.FP32_FILE, ModelFile.INT8_FILE),
                manifest.files().stream().map(ModelFile::file).toList());
        ModelFile fp32 = manifest.file(Precision.FP32).orElseThrow();
        assertEquals(manifest.sha256(), fp32.sha256());
        assertEquals(Files.size(dir.resolve("model.onnx")), fp32.bytes());
        ModelFile int8 = manifest.file(Precision.INT8).orElseThrow();
        assertEquals(Sha256.ofFile(dir.resolve(ModelFile.INT8_FILE)), int8.sha256());
        assertEquals(int8, manifest.preferredFile());
        assertEquals("percentile-99.999", int8.quantization().calibration());
        assertEquals("train split", int8.quantization().calibrationData());
        int trainImages = Datasets.open(shared.resolve("data")).images(Split.TRAIN).size();
        assertEquals(Math.min(8, trainImages), int8.quantization().calibrationImages());
        Agreement agreement = int8.agreement();
        int testImages = Datasets.open(shared.resolve("data")).images(Split.TEST).size();
        assertEquals("test", agreement.split());
        assertEquals(testImages, agreement.images());
        assertEquals(Set.of("fp32", "int8"), agreement.taskA().keySet());
        assertEquals(Set.of("fp32", "int8"), agreement.taskB().keySet());
        assertEquals(Set.of("ai_logit", "source_logits", "features"), agreement.randomMaxAbsDiff().keySet());
        assertEquals(Set.of("ai_logit", "source_logits", "features"), agreement.imageMaxAbsDiff().keySet());
        assertTrue(agreement.verdictChanges() >= 0 && agreement.verdictChanges() <= 1);
        assertEquals(lenient, agreement.gate());
    }

    @Test
    void anInt8FileThatFailsItsGateIsDeletedAndTheFp32ModelStillExported() throws Exception {
        // a gate no file can pass: it must refuse, whatever quantisation did
        Agreement.Gate impossible = new Agreement.Gate(-1.0, -1.0);
        try (TrainedRun trained = TrainedRun.open(run)) {
            Int8Export int8 = new Int8Export(new Int8Export.Options(new CalibrationMethod.MinMax(), 4, 6), quiet,
                    impossible);
            ExportResult result = new ModelExport(quiet, 2, 2, null, int8).export(trained, dir, manifests);
            Int8Export.Refused refused = assertInstanceOf(Int8Export.Refused.class, result.int8());
            assertTrue(refused.reasons().stream().anyMatch(reason -> reason.contains("Task A accuracy")),
                    refused.reasons().toString());
            assertTrue(refused.reasons().stream().anyMatch(reason -> reason.contains("of verdicts change")),
                    refused.reasons().toString());
            assertEquals(6, refused.agreement().images());
        }
        assertFalse(Files.exists(dir.resolve(ModelFile.INT8_FILE)));
        ModelManifest manifest = new ManifestCodec().read(dir.resolve("manifest.json"));
        assertEquals(List.of(ModelFile.FP32_FILE), manifest.files().stream().map(ModelFile::file).toList());
    }

    @Test
    void theGateRefusesHalfAPointOfEitherMetricOrOnePercentOfVerdicts() {
        Agreement.Gate gate = Int8Export.GATE;
        assertTrue(ModelAgreement.refusals(agreement(0.960, 0.955, 0.970, 0.9651, 0.01, gate)).isEmpty());
        assertEquals(1, ModelAgreement.refusals(agreement(0.960, 0.9549, 0.97, 0.97, 0, gate)).size());
        assertEquals(1, ModelAgreement.refusals(agreement(0.96, 0.96, 0.970, 0.9649, 0, gate)).size());
        assertEquals(1, ModelAgreement.refusals(agreement(0.96, 0.99, 0.97, 0.99, 0.0101, gate)).size());
        // better than fp32 is never refused
        assertTrue(ModelAgreement.refusals(agreement(0.90, 0.95, 0.90, 0.95, 0, gate)).isEmpty());
    }

    private static Agreement agreement(double aFp32, double aInt8, double bFp32, double bInt8, double verdicts,
                                       Agreement.Gate gate) {
        return new Agreement("fp32", Map.of(), Map.of(), "test", 270, Map.of("fp32", aFp32, "int8", aInt8),
                Map.of("fp32", bFp32, "int8", bInt8), verdicts, 0, gate);
    }

    @Test
    void anUntrainedInt8ExportCalibratesAndComparesOnRandomTensors() throws Exception {
        assertEquals(0, TrainingCli.run("export", "--untrained", "--architecture", "small", "--seed", "3", "--size",
                "64", "--random-samples", "4", "--int8", "--calibration-images", "4", "--out", dir.toString()));
        ModelManifest manifest = new ManifestCodec().read(dir.resolve("manifest.json"));
        ModelFile int8 = manifest.file(Precision.INT8).orElseThrow();
        assertEquals("random tensors", int8.quantization().calibrationData());
        assertNull(int8.agreement().split());
        assertNull(int8.agreement().taskA());
        assertEquals(Int8Export.GATE, int8.agreement().gate());
        assertTrue(Files.isRegularFile(dir.resolve(ModelFile.INT8_FILE)));
    }
}
