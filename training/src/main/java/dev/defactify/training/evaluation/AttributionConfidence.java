package dev.defactify.training.evaluation;

import java.util.List;

/**
 * How the "unknown generator" signal splits a set of attributions: an attribution is confident when its top
 * source probability is at least {@code level} (the serving rule, {@code source.confident = p_max >= level}).
 */
public record AttributionConfidence(double level, long confident, long confidentCorrect, long unsure,
                                    long unsureCorrect) {

    public static AttributionConfidence of(List<Prediction> predictions, double level) {
        long confident = 0;
        long confidentCorrect = 0;
        long unsure = 0;
        long unsureCorrect = 0;
        for (Prediction p : predictions) {
            boolean correct = p.predictedSource() == p.truth();
            if (p.sourceProbability(p.predictedSource()) >= level) {
                confident++;
                confidentCorrect += correct ? 1 : 0;
            } else {
                unsure++;
                unsureCorrect += correct ? 1 : 0;
            }
        }
        return new AttributionConfidence(level, confident, confidentCorrect, unsure, unsureCorrect);
    }

    /** Share of attributions reported as confident; 0 for an empty set. */
    public double coverage() {
        long total = confident + unsure;
        return total == 0 ? 0 : (double) confident / total;
    }

    /** Accuracy of the confident attributions, null when there are none. */
    public Double confidentAccuracy() {
        return confident == 0 ? null : (double) confidentCorrect / confident;
    }

    /** Accuracy of the unsure attributions, null when there are none. */
    public Double unsureAccuracy() {
        return unsure == 0 ? null : (double) unsureCorrect / unsure;
    }
}
