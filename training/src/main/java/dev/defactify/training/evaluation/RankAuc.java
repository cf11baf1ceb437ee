package dev.defactify.training.evaluation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Exact ROC-AUC as the Mann-Whitney U statistic: the probability that a random generated image scores above a random
 * real one, a tie counting one half. Unlike a trapezoid over a thinned curve it has no discretisation error.
 */
final class RankAuc {

    private RankAuc() {
    }

    /** Empty when one of the two classes is missing: the statistic compares pairs, and there are none. */
    static OptionalDouble of(List<Prediction> predictions) {
        Prediction[] sorted = predictions.toArray(Prediction[]::new);
        Arrays.sort(sorted, Comparator.comparingDouble(Prediction::aiProbability));
        long positives = 0;
        double positiveRankSum = 0.0;
        int start = 0;
        while (start < sorted.length) {
            int end = start;
            while (end + 1 < sorted.length && sorted[end + 1].aiProbability() == sorted[start].aiProbability()) {
                end++;
            }
            // Tied scores share the mean of the 1-based ranks they span; this is what makes a tie worth 0.5.
            double averageRank = (start + 1 + end + 1) / 2.0;
            for (int i = start; i <= end; i++) {
                if (sorted[i].isGenerated()) {
                    positives++;
                    positiveRankSum += averageRank;
                }
            }
            start = end + 1;
        }
        long negatives = sorted.length - positives;
        if (positives == 0 || negatives == 0) {
            return OptionalDouble.empty();
        }
        double u = positiveRankSum - positives * (positives + 1) / 2.0;
        return OptionalDouble.of(u / ((double) positives * negatives));
    }
}
