package dev.defactify.training.export;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.contract.image.InputSpec;
import dev.defactify.contract.manifest.Calibration;
import dev.defactify.contract.manifest.Training;
import dev.defactify.training.calibration.CalibrationFile;
import dev.defactify.training.evaluation.EpochRecord;
import dev.defactify.training.model.DeFactifyNet;
import dev.defactify.training.train.RunRecord;
import dev.defactify.training.train.TrainedRun;
import dev.defactify.training.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link ModelExport} turns into {@code model.onnx} and {@code manifest.json}: a network ready for inference, the
 * input it expects, and the provenance the manifest records. A trained run and an untrained network both reduce to
 * this, so they share one export path and one parity check.
 *
 * @param manager     the manager that owns {@code net}'s parameters (the parity check runs the network on it)
 * @param imageData   dataset folder whose images join the parity check, or null to compare on random tensors only
 * @param training    provenance; its seed also seeds the parity check's random tensors
 * @param metrics     headline metrics for the manifest (test-split report and {@value #VALIDATION}), empty when there
 *                    are none
 * @param calibration the manifest's calibration block: RUN/calibration.json when evaluate fitted one, else none
 */
public record ExportSubject(DeFactifyNet net, NDManager manager, String architecture, InputSpec input, Path imageData,
                            Training training, Map<String, Object> metrics, Calibration calibration) {

    /** The key of the validation block in {@code manifest.metrics}; see {@link #validation(RunRecord)}. */
    public static final String VALIDATION = "validation";

    public ExportSubject {
        calibration = calibration == null ? Calibration.none() : calibration;
        // LinkedHashMap rather than Map.copyOf: a report may lack a task, which is recorded as null.
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** An uncalibrated subject. */
    public ExportSubject(DeFactifyNet net, NDManager manager, String architecture, InputSpec input, Path imageData,
                         Training training, Map<String, Object> metrics) {
        this(net, manager, architecture, input, imageData, training, metrics, Calibration.none());
    }

    /** A finished run: its config as provenance, the metrics of its last {@code evaluate}, its dataset's images. */
    public static ExportSubject of(TrainedRun run) throws IOException {
        ObjectMapper json = new ObjectMapper();
        TrainingConfig config = run.record().config();
        Training training = new Training(config.seed(), config.epochs(), run.record().dataset(),
                run.record().gitCommit(), json.convertValue(config, new TypeReference<Map<String, Object>>() { }));
        return new ExportSubject(run.net(), run.manager(), config.architecture(), run.inputSpec(),
                Path.of(config.data()), training, metrics(run, json),
                new CalibrationFile().forManifest(run.directory().root()));
    }

    /**
     * The headline metrics of the run's last {@code evaluate} (if there was one), plus {@code validation}: what the run
     * recorded on the validation split at its chosen epoch (if it validated). {@code publish}'s promotion gate compares
     * only {@code validation}, because the test split must never decide which model ships.
     */
    private static Map<String, Object> metrics(TrainedRun run, ObjectMapper json) throws IOException {
        Map<String, Object> metrics = new LinkedHashMap<>();
        Map<String, Object> validation = validation(run.record());
        if (validation != null) {
            metrics.put(VALIDATION, validation);
        }
        Path report = run.directory().report().resolve("report.json");
        if (!Files.isRegularFile(report)) {
            return metrics;
        }
        Map<String, Object> full = json.readValue(report.toFile(), new TypeReference<>() { });
        metrics.put("split", full.get("split"));
        metrics.put("taskA", full.get("taskA") instanceof Map<?, ?> taskA ? headline(taskA,
                "accuracy", "precision", "recall", "f1", "rocAuc") : null);
        metrics.put("taskB", full.get("taskB") instanceof Map<?, ?> taskB ? headline(taskB,
                "accuracy", "macroF1") : null);
        return metrics;
    }

    /**
     * {@code {"epoch": E, "taskA": {"accuracy": …}, "taskB": {"macroF1": …}}} from the history entry of the run's chosen
     * (best-validation) epoch, or null when that epoch recorded no validation numbers. Training records per epoch only
     * Task A accuracy at threshold 0.5 and Task B macro-F1 on the validation split (no balanced accuracy), so that is
     * exactly what is written, under those names.
     */
    static Map<String, Object> validation(RunRecord record) {
        if (record.history() == null) {
            return null;
        }
        EpochRecord chosen = record.history().stream().filter(epoch -> epoch.epoch() == record.bestEpoch())
                .findFirst().orElse(null);
        if (chosen == null || chosen.valTaskAAccuracy() == null || chosen.valTaskBMacroF1() == null) {
            return null;
        }
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("epoch", chosen.epoch());
        validation.put("taskA", Map.of("accuracy", chosen.valTaskAAccuracy()));
        validation.put("taskB", Map.of("macroF1", chosen.valTaskBMacroF1()));
        return validation;
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
