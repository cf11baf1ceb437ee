package dev.defactify.training.calibration;

/**
 * Mean negative log-likelihoods of temperature-scaled logits, computed from the logits (not from rounded
 * probabilities) so that confident mistakes cost what they should instead of {@code -log(0)}.
 */
public final class NegativeLogLikelihood {
    private NegativeLogLikelihood() {
    }

    /** Mean binary cross-entropy of {@code sigmoid(z / T)} against the labels, in the overflow-free softplus form. */
    public static double binary(double[] logits, boolean[] positive, double temperature) {
        if (logits.length != positive.length) {
            throw new IllegalArgumentException(logits.length + " logits but " + positive.length + " labels");
        }
        if (logits.length == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            double x = logits[i] / temperature;
            sum += Math.max(x, 0) - (positive[i] ? x : 0) + Math.log1p(Math.exp(-Math.abs(x)));
        }
        return sum / logits.length;
    }

    /** Mean cross-entropy of {@code softmax(z / T)} against the true class, via a max-shifted log-sum-exp. */
    public static double categorical(double[][] logits, int[] truth, double temperature) {
        if (logits.length != truth.length) {
            throw new IllegalArgumentException(logits.length + " logit rows but " + truth.length + " labels");
        }
        if (logits.length == 0) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            double[] row = logits[i];
            double max = Double.NEGATIVE_INFINITY;
            for (double z : row) {
                max = Math.max(max, z / temperature);
            }
            double total = 0;
            for (double z : row) {
                total += Math.exp(z / temperature - max);
            }
            sum += max + Math.log(total) - row[truth[i]] / temperature;
        }
        return sum / logits.length;
    }
}
