package dev.defactify.training.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.image.ResizePolicy;
import dev.defactify.contract.manifest.ManifestCodec;
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
            ModelExport strict = new ModelExport(quiet, 2, 0, 0.0);
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
}
