package dev.defactify.training.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.defactify.contract.manifest.ManifestCodec;
import dev.defactify.contract.manifest.ModelManifest;
import dev.defactify.training.cli.TrainingCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Model folders for the publish tests: one real untrained export (the expensive part, done once per class), copied
 * under other versions with whatever validation metrics a test needs. Changing only manifest.json keeps model.onnx's
 * sha256 valid, so every copy is a model serving would accept.
 */
final class Models {
    private final Path exported;

    private Models(Path exported) {
        this.exported = exported;
    }

    static Models exportUntrained(Path root) {
        Path model = root.resolve("untrained");
        assertEquals(0, TrainingCli.run("export", "--untrained", "--architecture", "small", "--seed", "7", "--size",
                "64", "--random-samples", "1", "--out", model.toString()));
        return new Models(model);
    }

    /** The export itself: no validation metrics. */
    Path untrained() {
        return exported;
    }

    ModelManifest manifest() throws IOException {
        return new ManifestCodec().read(exported.resolve(LocalModel.MANIFEST));
    }

    /** A copy of the export under {@code version}, claiming these validation numbers. */
    Path trained(Path dir, String version, double taskAAccuracy, double taskBMacroF1) throws IOException {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("validation", Map.of("epoch", 3, "taskA", Map.of("accuracy", taskAAccuracy),
                "taskB", Map.of("macroF1", taskBMacroF1)));
        return copy(dir, version, metrics);
    }

    /** A copy of the export under {@code version} with no metrics at all, like an untrained export. */
    Path withoutMetrics(Path dir, String version) throws IOException {
        return copy(dir, version, Map.of());
    }

    private Path copy(Path dir, String version, Map<String, Object> metrics) throws IOException {
        Files.createDirectories(dir);
        Files.copy(exported.resolve(LocalModel.MODEL), dir.resolve(LocalModel.MODEL), StandardCopyOption.REPLACE_EXISTING);
        ModelManifest m = manifest();
        new ManifestCodec().write(new ModelManifest(m.name(), version, m.format(), m.opset(), m.sha256(),
                m.architecture(), m.input(), m.labels(), m.threshold(), m.calibration(), m.outputs(), metrics,
                m.training(), m.parity(), m.files()), dir.resolve(LocalModel.MANIFEST));
        return dir;
    }
}
