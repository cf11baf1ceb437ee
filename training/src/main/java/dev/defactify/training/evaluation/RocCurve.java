package dev.defactify.training.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The ROC curve for plotting, one point per distinct score, plus the exact rank AUC.
 *
 * @param points from (0, 0) to (1, 1); empty when only one class is present
 * @param auc    Mann-Whitney AUC, or null when only one class is present
 */
public record RocCurve(List<RocPoint> points, Double auc) {

    public RocCurve {
        points = List.copyOf(points);
    }

    public static RocCurve of(List<Prediction> predictions) {
        OptionalDouble auc = RankAuc.of(predictions);
        if (auc.isEmpty()) {
            return new RocCurve(List.of(), null);
        }
        Prediction[] byScoreDescending = predictions.toArray(Prediction[]::new);
        Arrays.sort(byScoreDescending, Comparator.comparingDouble(Prediction::aiProbability).reversed());
        long positives = predictions.stream().filter(Prediction::isGenerated).count();
        long negatives = predictions.size() - positives;

        List<RocPoint> points = new ArrayList<>();
        // Just above the top score nothing is called generated; keeps the threshold finite for JSON.
        points.add(new RocPoint(0.0, 0.0, Math.nextUp(byScoreDescending[0].aiProbability())));
        long truePositives = 0;
        long falsePositives = 0;
        int i = 0;
        while (i < byScoreDescending.length) {
            double score = byScoreDescending[i].aiProbability();
            // A whole tie group crosses the threshold at once, giving the diagonal step that scores a tie as 0.5.
            while (i < byScoreDescending.length && byScoreDescending[i].aiProbability() == score) {
                if (byScoreDescending[i].isGenerated()) {
                    truePositives++;
                } else {
                    falsePositives++;
                }
                i++;
            }
            points.add(new RocPoint((double) falsePositives / negatives, (double) truePositives / positives, score));
        }
        return new RocCurve(points, auc.getAsDouble());
    }

    public boolean isDefined() {
        return auc != null;
    }

    /** Trapezoid area under the points; equals {@link #auc()} and exists as an independent cross-check. */
    public double trapezoidArea() {
        double area = 0.0;
        for (int i = 1; i < points.size(); i++) {
            RocPoint previous = points.get(i - 1);
            RocPoint current = points.get(i);
            area += (current.falsePositiveRate() - previous.falsePositiveRate())
                    * (current.truePositiveRate() + previous.truePositiveRate()) / 2.0;
        }
        return area;
    }
}
