package dev.defactify.training.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Expected calibration error with its reliability diagram, over {@value #BINS} equal-width bins of [0, 1].
 *
 * <p>Definition: each image contributes a probability {@code p} and an outcome {@code y} in {0, 1}; it falls in bin
 * {@code min(floor(15 p), 14)}, so bin k is [k/15, (k+1)/15) and the last bin also holds p = 1. Then
 * {@code ECE = sum over bins of (n_b / N) * |mean(y in b) - mean(p in b)|}, empty bins contributing nothing.
 * Two uses, named by their factory:
 * <ul>
 *   <li>{@link #ofAiProbability}: Task A, {@code p = P(AI-generated)} and {@code y = 1} for a generated image:
 *   the reliability of the positive-class probability over its whole range (not the top-label variant, which would
 *   fold p = 0.1 and p = 0.9 into the same bin and hide an asymmetric miscalibration);</li>
 *   <li>{@link #ofTopSource}: Task B, the standard top-label ECE: {@code p = max_c P(source = c)} and {@code y = 1}
 *   when that argmax is the true source.</li>
 * </ul>
 *
 * @param bins the non-empty bins, in increasing order
 */
public record Reliability(double expectedCalibrationError, long count, List<ReliabilityBin> bins) {
    public static final int BINS = 15;

    public Reliability {
        bins = List.copyOf(bins);
    }

    public static Reliability ofAiProbability(List<Prediction> predictions) {
        double[] p = new double[predictions.size()];
        boolean[] y = new boolean[predictions.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = predictions.get(i).aiProbability();
            y[i] = predictions.get(i).isGenerated();
        }
        return of(p, y);
    }

    public static Reliability ofTopSource(List<Prediction> predictions) {
        double[] p = new double[predictions.size()];
        boolean[] y = new boolean[predictions.size()];
        for (int i = 0; i < p.length; i++) {
            Prediction prediction = predictions.get(i);
            p[i] = prediction.sourceProbability(prediction.predictedSource());
            y[i] = prediction.predictedSource() == prediction.truth();
        }
        return of(p, y);
    }

    /** @param probabilities forecasts in [0, 1]; {@code happened} whether each forecast event occurred */
    public static Reliability of(double[] probabilities, boolean[] happened) {
        if (probabilities.length != happened.length) {
            throw new IllegalArgumentException(probabilities.length + " probabilities but " + happened.length
                    + " outcomes");
        }
        long[] counts = new long[BINS];
        double[] confidence = new double[BINS];
        double[] hits = new double[BINS];
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability " + p + " is outside [0, 1]");
            }
            int bin = Math.min((int) Math.floor(p * BINS), BINS - 1);
            counts[bin]++;
            confidence[bin] += p;
            hits[bin] += happened[i] ? 1 : 0;
        }
        List<ReliabilityBin> bins = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            if (counts[b] == 0) {
                continue;
            }
            ReliabilityBin bin = new ReliabilityBin((double) b / BINS, (double) (b + 1) / BINS, counts[b],
                    confidence[b] / counts[b], hits[b] / counts[b]);
            bins.add(bin);
            ece += (double) counts[b] / probabilities.length * bin.gap();
        }
        return new Reliability(ece, probabilities.length, bins);
    }
}
