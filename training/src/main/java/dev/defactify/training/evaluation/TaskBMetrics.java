package dev.defactify.training.evaluation;

import dev.defactify.contract.label.SourceLabel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Task B, which of the six sources made the image, scored on the argmax of the attribution head.
 *
 * <p>Macro-F1 convention: it is the mean F1 over the classes that occur in the truth or in the predictions. A class
 * with no images and no predictions is left out (its F1 would be 0/0 and says nothing about the model); this equals
 * sklearn's {@code f1_score(average="macro")} with its default {@code labels=None}. A class that is predicted but
 * never true does count, with F1 = 0, as do undefined precision or recall ({@code zero_division=0}). On a split
 * holding all six classes, which is the normal case, the macro-F1 is simply the mean of all six F1s.
 *
 * @param perClass per-class scores keyed by slug, in head order, all six listed
 */
public record TaskBMetrics(
        long support,
        double accuracy,
        double macroF1,
        Map<String, ClassMetrics> perClass,
        ConfusionMatrix confusionMatrix,
        List<String> notes) {

    public TaskBMetrics {
        perClass = Collections.unmodifiableMap(new LinkedHashMap<>(perClass));
        notes = List.copyOf(notes);
    }

    public static TaskBMetrics evaluate(List<Prediction> predictions) {
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("Task B metrics need at least one prediction");
        }
        ConfusionMatrix matrix = ConfusionMatrix.of(predictions);
        Map<String, ClassMetrics> perClass = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        double f1Sum = 0.0;
        int averaged = 0;
        for (SourceLabel label : SourceLabel.inHeadOrder()) {
            ClassMetrics metrics = classMetrics(matrix, label);
            perClass.put(label.slug(), metrics);
            if (metrics.inMacroAverage()) {
                f1Sum += metrics.f1();
                averaged++;
            } else {
                notes.add(label.slug() + " has no images and no predictions: left out of macro-F1");
            }
        }
        return new TaskBMetrics(
                matrix.total(),
                Fractions.ratioOrZero(matrix.diagonal(), matrix.total()),
                f1Sum / averaged,
                perClass,
                matrix,
                notes);
    }

    private static ClassMetrics classMetrics(ConfusionMatrix matrix, SourceLabel label) {
        int i = label.index();
        long truePositives = matrix.count(i, i);
        long support = matrix.rowTotal(i);
        long predicted = matrix.columnTotal(i);
        double precision = Fractions.ratioOrZero(truePositives, predicted);
        double recall = Fractions.ratioOrZero(truePositives, support);
        return new ClassMetrics(label.slug(), support, predicted, truePositives, precision, recall,
                Fractions.f1(precision, recall), support > 0 || predicted > 0);
    }

    /** Per-class F1 by slug, in head order: the shape the model manifest embeds. */
    public Map<String, Double> perClassF1() {
        Map<String, Double> result = new LinkedHashMap<>();
        perClass.forEach((slug, metrics) -> result.put(slug, metrics.f1()));
        return Collections.unmodifiableMap(result);
    }
}
