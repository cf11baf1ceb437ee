package dev.defactify.training.publish;

import dev.defactify.contract.manifest.ModelManifest;
import java.util.Map;
import java.util.Optional;

/**
 * The numbers the promotion gate compares, read from {@code manifest.metrics.validation} (written by {@code export} from
 * the run's chosen epoch): Task A accuracy (threshold 0.5) and Task B macro-F1, both on the validation split. Training
 * does not record balanced accuracy per epoch, so plain validation accuracy is what there is to compare.
 */
public record ValidationMetrics(double taskAAccuracy, double taskBMacroF1) {

    /** Empty when the manifest has no complete validation block (an untrained export, a run without validation). */
    public static Optional<ValidationMetrics> of(ModelManifest manifest) {
        if (!(manifest.metrics().get("validation") instanceof Map<?, ?> validation)) {
            return Optional.empty();
        }
        Double taskA = number(validation.get("taskA"), "accuracy");
        Double taskB = number(validation.get("taskB"), "macroF1");
        return taskA == null || taskB == null ? Optional.empty() : Optional.of(new ValidationMetrics(taskA, taskB));
    }

    private static Double number(Object task, String key) {
        if (task instanceof Map<?, ?> map && map.get(key) instanceof Number number
                && Double.isFinite(number.doubleValue())) {
            return number.doubleValue();
        }
        return null;
    }
}
