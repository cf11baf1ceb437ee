package dev.defactify.training.evaluation;

import dev.defactify.contract.label.SourceLabel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Task A, real vs AI-generated, at one threshold. The positive class is "AI-generated".
 *
 * <p>Degenerate sets never produce NaN: precision, recall and F1 follow sklearn's {@code zero_division=0}; ROC-AUC
 * and the per-class accuracies are null when the class they need is absent; balanced accuracy averages only the
 * classes present (as sklearn does). Each such case adds a line to {@code notes}.
 *
 * @param realAccuracy      specificity, null without real images
 * @param generatedAccuracy recall as a rate on generated images, null without generated images
 * @param perGenerator      detection rate per generator slug, in head order, every generator listed
 * @param bestThreshold     the accuracy-maximising threshold on this same set: optimistic, for information only
 */
public record TaskAMetrics(
        double threshold,
        long support,
        BinaryCounts counts,
        double accuracy,
        double precision,
        double recall,
        double f1,
        Double rocAuc,
        double balancedAccuracy,
        Double realAccuracy,
        Double generatedAccuracy,
        Map<String, GeneratorDetection> perGenerator,
        ThresholdChoice bestThreshold,
        List<String> notes) {

    public static final double DEFAULT_THRESHOLD = 0.5;

    public TaskAMetrics {
        perGenerator = Collections.unmodifiableMap(new LinkedHashMap<>(perGenerator));
        notes = List.copyOf(notes);
    }

    public static TaskAMetrics evaluate(List<Prediction> predictions) {
        return evaluate(predictions, DEFAULT_THRESHOLD);
    }

    public static TaskAMetrics evaluate(List<Prediction> predictions, double threshold) {
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("Task A metrics need at least one prediction");
        }
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], was " + threshold);
        }
        BinaryCounts counts = BinaryCounts.of(predictions, threshold);
        List<String> notes = new ArrayList<>();
        if (counts.generated() == 0) {
            notes.add("no AI-generated images: recall and F1 are 0 by convention, ROC-AUC is undefined");
        }
        if (counts.real() == 0) {
            notes.add("no real images: real accuracy and ROC-AUC are undefined");
        }
        if (counts.calledGenerated() == 0) {
            notes.add("no image was called AI-generated at threshold " + threshold + ": precision is 0 by convention");
        }
        double precision = Fractions.ratioOrZero(counts.truePositives(), counts.calledGenerated());
        double recall = Fractions.ratioOrZero(counts.truePositives(), counts.generated());
        Double realAccuracy = Fractions.ratioOrNull(counts.trueNegatives(), counts.real());
        Double generatedAccuracy = Fractions.ratioOrNull(counts.truePositives(), counts.generated());
        RocCurve roc = RocCurve.of(predictions);
        return new TaskAMetrics(
                threshold,
                counts.total(),
                counts,
                Fractions.ratioOrZero(counts.correct(), counts.total()),
                precision,
                recall,
                Fractions.f1(precision, recall),
                roc.auc(),
                meanOfPresent(realAccuracy, generatedAccuracy),
                realAccuracy,
                generatedAccuracy,
                perGenerator(predictions, threshold),
                bestThreshold(predictions),
                notes);
    }

    private static double meanOfPresent(Double realAccuracy, Double generatedAccuracy) {
        if (realAccuracy == null) {
            return generatedAccuracy;
        }
        return generatedAccuracy == null ? realAccuracy : (realAccuracy + generatedAccuracy) / 2.0;
    }

    private static Map<String, GeneratorDetection> perGenerator(List<Prediction> predictions, double threshold) {
        Map<String, GeneratorDetection> result = new LinkedHashMap<>();
        for (SourceLabel label : SourceLabel.inHeadOrder()) {
            if (!label.isGenerated()) {
                continue;
            }
            long support = predictions.stream().filter(p -> p.truth() == label).count();
            long detected = predictions.stream()
                    .filter(p -> p.truth() == label && p.calledGenerated(threshold))
                    .count();
            result.put(label.slug(),
                    new GeneratorDetection(label.slug(), support, detected, Fractions.ratioOrNull(detected, support)));
        }
        return result;
    }

    private static ThresholdChoice bestThreshold(List<Prediction> predictions) {
        double[] scores = new double[predictions.size()];
        boolean[] generated = new boolean[predictions.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = predictions.get(i).aiProbability();
            generated[i] = predictions.get(i).isGenerated();
        }
        return AccuracyMaximisingThreshold.search(scores, generated);
    }
}
