package dev.defactify.training.evaluation;

import dev.defactify.contract.label.SourceLabel;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the network said about one image, next to what the image really is.
 *
 * @param id                  stable image identifier, for tracing a metric back to files
 * @param truth               the image's real source
 * @param aiProbability       sigmoid of the binary head (Task A), probability of "AI-generated"
 * @param sourceProbabilities softmax of the attribution head (Task B), in {@link SourceLabel} head order
 */
public record Prediction(String id, SourceLabel truth, double aiProbability, double[] sourceProbabilities) {

    public Prediction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(sourceProbabilities, "sourceProbabilities");
        if (!(aiProbability >= 0.0 && aiProbability <= 1.0)) {
            throw new IllegalArgumentException("aiProbability of " + id + " must be in [0, 1], was " + aiProbability);
        }
        if (sourceProbabilities.length != SourceLabel.count()) {
            throw new IllegalArgumentException("expected " + SourceLabel.count() + " source probabilities for "
                    + id + ", got " + sourceProbabilities.length);
        }
        for (double p : sourceProbabilities) {
            // Softmax output in float32 need not sum to exactly 1, so only sanity is checked, not normalisation.
            if (!(p >= 0.0 && Double.isFinite(p))) {
                throw new IllegalArgumentException("source probabilities of " + id + " must be finite and >= 0: "
                        + Arrays.toString(sourceProbabilities));
            }
        }
        sourceProbabilities = sourceProbabilities.clone();
    }

    @Override
    public double[] sourceProbabilities() {
        return sourceProbabilities.clone();
    }

    double sourceProbability(SourceLabel label) {
        return sourceProbabilities[label.index()];
    }

    /** Argmax of the attribution head; on an exact tie the label earlier in head order wins, as in argmax. */
    public SourceLabel predictedSource() {
        int best = 0;
        for (int i = 1; i < sourceProbabilities.length; i++) {
            if (sourceProbabilities[i] > sourceProbabilities[best]) {
                best = i;
            }
        }
        return SourceLabel.ofIndex(best);
    }

    /** Task A decision: a probability exactly at the threshold counts as generated, so 0.5 on a 0.5 cut is "AI". */
    public boolean calledGenerated(double threshold) {
        return aiProbability >= threshold;
    }

    public boolean isGenerated() {
        return truth.isGenerated();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Prediction that
                && id.equals(that.id)
                && truth == that.truth
                && Double.compare(aiProbability, that.aiProbability) == 0
                && Arrays.equals(sourceProbabilities, that.sourceProbabilities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, truth, aiProbability, Arrays.hashCode(sourceProbabilities));
    }

    @Override
    public String toString() {
        return "Prediction[id=" + id + ", truth=" + truth.slug() + ", aiProbability=" + aiProbability
                + ", sourceProbabilities=" + Arrays.toString(sourceProbabilities) + "]";
    }
}
