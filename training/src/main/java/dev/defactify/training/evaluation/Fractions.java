package dev.defactify.training.evaluation;

/** Division conventions shared by both tasks, so every metric treats an empty denominator the same way. */
final class Fractions {

    private Fractions() {
    }

    /** sklearn's {@code zero_division=0}: an undefined ratio reports 0 rather than NaN. */
    static double ratioOrZero(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    /** For rates that are meaningless without data (accuracy on zero images): null, shown as "n/a". */
    static Double ratioOrNull(long numerator, long denominator) {
        return denominator == 0 ? null : (double) numerator / denominator;
    }

    static double f1(double precision, double recall) {
        double sum = precision + recall;
        return sum == 0.0 ? 0.0 : 2.0 * precision * recall / sum;
    }
}
