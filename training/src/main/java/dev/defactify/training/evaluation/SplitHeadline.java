package dev.defactify.training.evaluation;

/** The headline metrics of one split, for the side-by-side table (validation, where choices are made, and test). */
public record SplitHeadline(String split, long count, TaskAMetrics taskA, TaskBMetrics taskB) {

    public static SplitHeadline of(EvaluationReport report) {
        return new SplitHeadline(report.split(), report.count(), report.taskA(), report.taskB());
    }
}
