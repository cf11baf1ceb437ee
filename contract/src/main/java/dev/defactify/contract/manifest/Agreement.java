package dev.defactify.contract.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * How closely a derived model file (INT8) reproduces the fp32 network, measured at export: the largest output
 * differences on random tensors and on dataset images, and — where the export had a labelled split — both files'
 * Task A accuracy and Task B macro-F1 on it and the share of images whose verdict or top source changed. A file is
 * listed in the manifest only if it passed the export's gate; {@code gate} says what that gate was.
 *
 * @param split        the labelled split the metrics are on, or null when there was none (an untrained export)
 * @param images       images of that split scored by both files
 * @param taskA        {@code {"fp32": accuracy, "int8": accuracy}}; null without a split
 * @param taskB        {@code {"fp32": macroF1, "int8": macroF1}}; null without a split
 * @param verdictChanges share of all compared inputs (split images, else random tensors) whose verdict differs
 * @param sourceChanges  share whose most probable source differs
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"reference", "randomMaxAbsDiff", "imageMaxAbsDiff", "split", "images", "taskA", "taskB",
        "verdictChanges", "sourceChanges", "gate"})
public record Agreement(String reference, Map<String, Double> randomMaxAbsDiff, Map<String, Double> imageMaxAbsDiff,
                        String split, int images, Map<String, Double> taskA, Map<String, Double> taskB,
                        double verdictChanges, double sourceChanges, Gate gate) {

    /**
     * @param maxMetricDrop     the largest accepted fall of Task A accuracy or Task B macro-F1 (0.005 = half a point)
     * @param maxVerdictChanges the largest accepted share of changed verdicts
     */
    @JsonPropertyOrder({"maxMetricDrop", "maxVerdictChanges"})
    public record Gate(double maxMetricDrop, double maxVerdictChanges) { }

    public Agreement {
        randomMaxAbsDiff = randomMaxAbsDiff == null ? Map.of() : Map.copyOf(randomMaxAbsDiff);
        imageMaxAbsDiff = imageMaxAbsDiff == null ? Map.of() : Map.copyOf(imageMaxAbsDiff);
        taskA = taskA == null ? null : Map.copyOf(taskA);
        taskB = taskB == null ? null : Map.copyOf(taskB);
    }
}
