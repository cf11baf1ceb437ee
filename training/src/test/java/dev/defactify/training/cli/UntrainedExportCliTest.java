package dev.defactify.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.manifest.ManifestCodec;
import dev.defactify.contract.manifest.ModelManifest;
import dev.defactify.contract.util.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --untrained}: a real ONNX file from the project's own exporter, without a training run. */
class UntrainedExportCliTest {

    @TempDir
    Path dir;

    @Test
    void writesTheModelAndAValidManifestWithoutATrainingRun() throws Exception {
        Path model = dir.resolve("model");
        assertEquals(0, TrainingCli.run("export", "--untrained", "--architecture", "small", "--seed", "7",
                "--size", "64", "--policy", "center-crop", "--out", model.toString()));

        ModelManifest manifest = new ManifestCodec().read(model.resolve("manifest.json"));
        assertEquals(Sha256.ofFile(model.resolve("model.onnx")), manifest.sha256());
        assertEquals("small", manifest.architecture());
        assertEquals(64, manifest.input().size());
        assertEquals("center-crop", manifest.input().policy().slug());
        assertEquals(7L, manifest.training().seed());
        assertEquals(0, manifest.training().epochs());
        assertEquals("untrained", manifest.training().dataset());
        assertTrue(manifest.metrics().isEmpty(), () -> "metrics " + manifest.metrics());
        // no dataset: the default 8 random tensors are the whole check
        assertEquals(8, manifest.parity().samples());
        assertTrue(manifest.parity().maxAbsDiff() <= 1e-4, () -> "parity " + manifest.parity());
    }

    @Test
    void theInputSpecDefaultsTo224AndResizeThenCrop() throws Exception {
        Path model = dir.resolve("model");
        assertEquals(0, TrainingCli.run("export", "--untrained", "--architecture", "small", "--seed", "1",
                "--random-samples", "1", "--out", model.toString()));
        ModelManifest manifest = new ManifestCodec().read(model.resolve("manifest.json"));
        assertEquals(224, manifest.input().size());
        assertEquals("resize-shorter-then-center-crop", manifest.input().policy().slug());
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() throws Exception {
        String first = export("a", 7);
        String again = export("b", 7);
        String other = export("c", 8);
        assertEquals(first, again, "same seed, different model.onnx");
        assertNotEquals(first, other, "another seed gave the same model.onnx");
    }

    @Test
    void runAndUntrainedAreMutuallyExclusive() {
        Path model = dir.resolve("model");
        int[] code = new int[1];
        String err = captureStderr(() -> code[0] = TrainingCli.run("export", "--run", dir.toString(), "--untrained",
                "--architecture", "small", "--seed", "7", "--out", model.toString()));
        assertEquals(2, code[0], err);
        assertTrue(err.contains("mutually exclusive"), err);
        assertFalse(Files.exists(model.resolve("model.onnx")));
    }

    @Test
    void oneOfRunAndUntrainedIsRequired() {
        int[] code = new int[1];
        String err = captureStderr(() -> code[0] = TrainingCli.run("export", "--out", dir.toString()));
        assertEquals(2, code[0], err);
        assertTrue(err.contains("--run") && err.contains("--untrained"), err);
    }

    @Test
    void untrainedOptionsWithoutUntrainedAreRefused() {
        int[] code = new int[1];
        String err = captureStderr(() -> code[0] = TrainingCli.run("export", "--architecture", "small", "--seed", "7",
                "--out", dir.toString()));
        assertEquals(2, code[0], err);
        assertTrue(err.contains("--untrained"), err);
    }

    @Test
    void anUnknownArchitectureIsAUsageError() {
        int[] code = new int[1];
        String err = captureStderr(() -> code[0] = TrainingCli.run("export", "--untrained", "--architecture", "vgg",
                "--seed", "7", "--out", dir.resolve("model").toString()));
        assertEquals(2, code[0], err);
        assertTrue(err.contains("unknown architecture 'vgg'"), err);
    }

    @Test
    void theHelpDescribesTheUntrainedMode() {
        String out = capture(() -> TrainingCli.run("export", "--help"), System::setOut, System.out);
        assertTrue(out.contains("--untrained") && out.contains("--architecture") && out.contains("--seed"), out);
    }

    private String export(String folder, long seed) throws Exception {
        Path model = dir.resolve(folder);
        assertEquals(0, TrainingCli.run("export", "--untrained", "--architecture", "small", "--seed",
                Long.toString(seed), "--size", "64", "--random-samples", "2", "--out", model.toString()));
        return Sha256.ofFile(model.resolve("model.onnx"));
    }

    private static String captureStderr(Runnable action) {
        return capture(action, System::setErr, System.err);
    }

    private static String capture(Runnable action, Consumer<PrintStream> redirect, PrintStream original) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        redirect.accept(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            redirect.accept(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
