package dev.defactify.training.evaluation;

import java.util.Arrays;

/**
 * Finds the Task A threshold with the highest accuracy on a set. Chosen on the set it is scored on, it is optimistic,
 * which is why reports show it as extra information and never as the headline number.
 */
final class AccuracyMaximisingThreshold {

    private AccuracyMaximisingThreshold() {
    }

    /**
     * Candidates are the midpoints between consecutive distinct scores plus one below and one above all of them, so
     * every achievable split is tried once. Among equally accurate thresholds the one nearest 0.5 wins (then the
     * lower), because the untuned default is the least surprising choice.
     */
    static ThresholdChoice search(double[] scores, boolean[] generated) {
        int n = scores.length;
        if (n == 0) {
            throw new IllegalArgumentException("cannot choose a threshold on an empty set");
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        long totalGenerated = 0;
        for (boolean g : generated) {
            totalGenerated += g ? 1 : 0;
        }

        double lowest = scores[order[0]];
        ThresholdChoice best = new ThresholdChoice(lowest > 0.0 ? lowest / 2.0 : 0.0, (double) totalGenerated / n);
        long realsBelow = 0;
        long generatedBelow = 0;
        int i = 0;
        while (i < n) {
            double score = scores[order[i]];
            while (i < n && scores[order[i]] == score) {
                if (generated[order[i]]) {
                    generatedBelow++;
                } else {
                    realsBelow++;
                }
                i++;
            }
            double threshold = i < n ? (score + scores[order[i]]) / 2.0 : above(score);
            double accuracy = (double) (realsBelow + totalGenerated - generatedBelow) / n;
            best = better(best, new ThresholdChoice(threshold, accuracy));
        }
        return best;
    }

    private static double above(double highest) {
        return highest < 1.0 ? (highest + 1.0) / 2.0 : Math.nextUp(1.0);
    }

    private static ThresholdChoice better(ThresholdChoice current, ThresholdChoice candidate) {
        if (candidate.accuracy() != current.accuracy()) {
            return candidate.accuracy() > current.accuracy() ? candidate : current;
        }
        double currentDistance = Math.abs(current.threshold() - 0.5);
        double candidateDistance = Math.abs(candidate.threshold() - 0.5);
        if (candidateDistance != currentDistance) {
            return candidateDistance < currentDistance ? candidate : current;
        }
        return candidate.threshold() < current.threshold() ? candidate : current;
    }
}
