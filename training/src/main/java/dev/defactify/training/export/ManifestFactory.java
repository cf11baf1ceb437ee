package dev.defactify.training.export;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.contract.label.SourceLabel;
import dev.defactify.contract.manifest.ManifestCodec;
import dev.defactify.contract.manifest.ModelManifest;
import dev.defactify.contract.manifest.Outputs;
import dev.defactify.contract.manifest.Parity;
import dev.defactify.contract.manifest.Training;
import dev.defactify.contract.util.Sha256;
import dev.defactify.training.train.TrainedRun;
import dev.defactify.training.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@code manifest.json} for an exported model from the run's record, its report and the parity result. */
public final class ManifestFactory {
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public ManifestFactory(Clock clock) {
        this.clock = clock;
    }

    String producerVersion() {
        return "defactify-training 0.1.0";
    }

    ModelManifest write(TrainedRun run, Path onnx, ParityResult parity, Path manifestFile) throws IOException {
        TrainingConfig config = run.record().config();
        String sha256 = Sha256.ofFile(onnx);
        String version = VERSION_TIME.format(clock.instant()) + "-" + sha256.substring(0, 8);
        ModelManifest manifest = new ModelManifest("defactifynet", version, ModelManifest.ONNX, OnnxExporter.OPSET,
                sha256, config.architecture(), run.inputSpec(), SourceLabel.slugs(), 0.5,
                Outputs.defaults(), metrics(run),
                new Training(config.seed(), config.epochs(), run.record().dataset(),
                        run.record().gitCommit(), json.convertValue(config, new TypeReference<Map<String, Object>>() { })),
                new Parity(parity.maxAbsDiff(), parity.tolerance(), parity.perOutput(), parity.samples()));
        new ManifestCodec().write(manifest, manifestFile);
        return manifest;
    }

    /** The headline metrics of the run's last {@code evaluate}, if there was one. */
    private Map<String, Object> metrics(TrainedRun run) throws IOException {
        Path report = run.directory().report().resolve("report.json");
        if (!Files.isRegularFile(report)) {
            return Map.of();
        }
        Map<String, Object> full = json.readValue(report.toFile(), new TypeReference<>() { });
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("split", full.get("split"));
        metrics.put("taskA", full.get("taskA") instanceof Map<?, ?> taskA ? headline(taskA,
                "accuracy", "precision", "recall", "f1", "rocAuc") : null);
        metrics.put("taskB", full.get("taskB") instanceof Map<?, ?> taskB ? headline(taskB,
                "accuracy", "macroF1") : null);
        return metrics;
    }

    private static Map<String, Object> headline(Map<?, ?> task, String... keys) {
        Map<String, Object> picked = new LinkedHashMap<>();
        for (String key : keys) {
            if (task.containsKey(key)) {
                picked.put(key, task.get(key));
            }
        }
        return picked;
    }
}
