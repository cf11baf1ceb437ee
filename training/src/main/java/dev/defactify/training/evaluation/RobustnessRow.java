package dev.defactify.training.evaluation;

/**
 * Both tasks' headline numbers on one perturbed copy of the split. ROC-AUC and balanced accuracy are null when the
 * split lacks one of the two classes, as in {@link TaskAMetrics}.
 *
 * @param condition e.g. {@code clean}, {@code jpeg-q75}, {@code resize-0.5x}, {@code blur-sigma1}
 */
public record RobustnessRow(String condition, double taskAAccuracy, double taskABalancedAccuracy, Double taskARocAuc,
                            double taskBAccuracy, double taskBMacroF1) {

    public static RobustnessRow of(String condition, TaskAMetrics taskA, TaskBMetrics taskB) {
        return new RobustnessRow(condition, taskA.accuracy(), taskA.balancedAccuracy(), taskA.rocAuc(),
                taskB.accuracy(), taskB.macroF1());
    }
}
