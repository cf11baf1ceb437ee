package dev.defactify.contract.score;

/**
 * Turns the network's logits into probabilities. Training's evaluation and serving both call this, so a verdict
 * computed offline and one computed by the function cannot differ in how the logits were squashed.
 */
public final class Probabilities {

    private Probabilities() {
    }

    /** Logistic function, written to stay exact for large |x| instead of overflowing e^x. */
    public static double sigmoid(double logit) {
        if (logit >= 0) {
            return 1.0 / (1.0 + Math.exp(-logit));
        }
        double e = Math.exp(logit);
        return e / (1.0 + e);
    }

    /** Softmax of {@code logits[offset .. offset+count)}, shifted by the maximum for numerical stability. */
    public static double[] softmax(float[] logits, int offset, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double[] out = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++) {
            out[i] = Math.exp(logits[offset + i] - max);
            sum += out[i];
        }
        for (int i = 0; i < count; i++) {
            out[i] /= sum;
        }
        return out;
    }

    public static double[] softmax(float[] logits) {
        return softmax(logits, 0, logits.length);
    }
}
