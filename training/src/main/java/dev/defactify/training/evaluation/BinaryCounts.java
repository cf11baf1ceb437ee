package dev.defactify.training.evaluation;

import java.util.List;

/** The 2x2 Task A confusion counts; the positive class is "AI-generated". */
public record BinaryCounts(long truePositives, long falsePositives, long trueNegatives, long falseNegatives) {

    public BinaryCounts {
        if (truePositives < 0 || falsePositives < 0 || trueNegatives < 0 || falseNegatives < 0) {
            throw new IllegalArgumentException("confusion counts cannot be negative");
        }
    }

    public static BinaryCounts of(List<Prediction> predictions, double threshold) {
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (Prediction prediction : predictions) {
            boolean called = prediction.calledGenerated(threshold);
            if (prediction.isGenerated()) {
                if (called) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (called) {
                fp++;
            } else {
                tn++;
            }
        }
        return new BinaryCounts(tp, fp, tn, fn);
    }

    public long total() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    public long generated() {
        return truePositives + falseNegatives;
    }

    public long real() {
        return trueNegatives + falsePositives;
    }

    public long calledGenerated() {
        return truePositives + falsePositives;
    }

    public long correct() {
        return truePositives + trueNegatives;
    }
}
