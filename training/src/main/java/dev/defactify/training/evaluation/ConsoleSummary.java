package dev.defactify.training.evaluation;

import java.util.stream.Collectors;

/** A few aligned lines for the end of a training or evaluation run. */
public final class ConsoleSummary {

    private ConsoleSummary() {
    }

    public static String render(EvaluationReport report) {
        TaskAMetrics a = report.taskA();
        TaskBMetrics b = report.taskB();
        String perClass = b.perClassF1().entrySet().stream()
                .map(e -> e.getKey() + " " + Formats.metric(e.getValue()))
                .collect(Collectors.joining("  "));
        return String.join("\n",
                "Evaluation   " + report.dataset() + " [" + report.split() + "], " + report.count() + " images",
                "Task A       acc " + Formats.metric(a.accuracy()) + "  P " + Formats.metric(a.precision())
                        + "  R " + Formats.metric(a.recall()) + "  F1 " + Formats.metric(a.f1())
                        + "  AUC " + Formats.metric(a.rocAuc()) + "  (threshold " + a.threshold() + ")",
                "             balanced " + Formats.metric(a.balancedAccuracy())
                        + "  best-threshold acc " + Formats.metric(a.bestThreshold().accuracy())
                        + " at " + Formats.decimal(a.bestThreshold().threshold(), 4),
                "Task B       acc " + Formats.metric(b.accuracy()) + "  macro-F1 " + Formats.metric(b.macroF1()),
                "  F1/class   " + perClass) + "\n";
    }
}
