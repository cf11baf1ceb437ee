package dev.defactify.training.calibration;

import dev.defactify.training.evaluation.Prediction;
import java.util.Arrays;
import java.util.List;

/**
 * Chooses the "unknown generator" level {@code L}: serving calls an attribution confident when its calibrated top
 * source probability is at least {@code L}.
 *
 * <p>Rule: {@code L} is the lowest level at which the attributions at or above it are right at least
 * {@code targetAccuracy} of the time on the fitting (validation) split, i.e. the largest coverage whose confident
 * attributions meet the target. Candidate levels are 0 and the observed top probabilities. If every attribution
 * together already meets the target, {@code L = 0} (nothing is flagged). If no level meets it (even the most
 * confident attributions are too often wrong), {@code L} is set just above the highest observed top probability (and
 * below 1, as the manifest requires), so that on data like validation every attribution is reported as unsure. An
 * empty split gives 0: no evidence, no flag.
 *
 * <p>Why this rule: it states the guarantee the flag is for ("a confident attribution is right X% of the time", as
 * measured on validation) and otherwise keeps as many attributions confident as possible. Accuracy above a level
 * need not rise with the level, so the search scans every candidate rather than stopping at the first crossing
 * from the top.
 */
public record UnknownSourceRule(double targetAccuracy) {
    public static final double DEFAULT_TARGET_ACCURACY = 0.90;

    public UnknownSourceRule {
        if (!(targetAccuracy > 0 && targetAccuracy <= 1)) {
            throw new IllegalArgumentException("target accuracy must be in (0, 1], got " + targetAccuracy);
        }
    }

    /** The rule in one sentence, for the report. */
    public String describe() {
        return "the lowest calibrated top source probability at which the validation attributions at or above it "
                + "are at least " + Math.round(targetAccuracy * 1000) / 10.0 + "% correct (0 when all of them are)";
    }

    /** @param calibrated predictions with calibrated source probabilities, on the fitting split */
    public double choose(List<Prediction> calibrated) {
        int n = calibrated.size();
        if (n == 0) {
            return 0;
        }
        Scored[] scored = new Scored[n];
        for (int i = 0; i < n; i++) {
            Prediction p = calibrated.get(i);
            scored[i] = new Scored(p.sourceProbabilities()[p.predictedSource().index()],
                    p.predictedSource() == p.truth());
        }
        // Highest confidence first; the index order of equal confidences does not matter, as ties are taken together.
        Arrays.sort(scored, (a, b) -> Double.compare(b.confidence(), a.confidence()));
        double level = Double.NaN;
        long correct = 0;
        for (int i = 0; i < n; i++) {
            correct += scored[i].correct() ? 1 : 0;
            boolean lastOfTie = i == n - 1 || scored[i + 1].confidence() < scored[i].confidence();
            if (lastOfTie && correct >= targetAccuracy * (i + 1)) {
                level = scored[i].confidence();
            }
        }
        if (Double.isNaN(level)) {
            return Math.min(Math.nextUp(scored[0].confidence()), Math.nextDown(1.0));
        }
        // All of validation meets the target: flag nothing rather than only what lies below validation's minimum.
        return correct >= targetAccuracy * n ? 0 : level;
    }

    private record Scored(double confidence, boolean correct) {
    }
}
