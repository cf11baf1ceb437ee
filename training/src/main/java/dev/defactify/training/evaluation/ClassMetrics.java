package dev.defactify.training.evaluation;

/**
 * One Task B class, one-vs-rest.
 *
 * @param support         images whose truth is this class
 * @param predicted       images the attribution head assigned to this class
 * @param inMacroAverage  false only when the class has neither support nor predictions; see {@link TaskBMetrics}
 */
public record ClassMetrics(
        String slug,
        long support,
        long predicted,
        long truePositives,
        double precision,
        double recall,
        double f1,
        boolean inMacroAverage) {
}
