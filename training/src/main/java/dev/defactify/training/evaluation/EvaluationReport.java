package dev.defactify.training.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything known about one evaluation of a model on one split.
 *
 * @param dataset   human description of the data, e.g. "Defactify 4 validation, 42,000 images"
 * @param split     split name, e.g. "val" or "test"
 * @param run       free model and run facts (run id, architecture, epochs, seed) copied into the report verbatim
 * @param roc       the Task A ROC curve; drawn as a plot, not stored in report.json
 * @param history   training history, or null for an evaluation without training
 * @param createdAt supplied by the caller so that the same inputs always give the same files
 * @param splits    headline metrics of every evaluated split side by side (validation first), empty when only this
 *                  split was evaluated
 * @param calibration temperatures and unknown-source level fitted on validation with their effect, or null
 * @param robustness both tasks under fixed perturbations of the split (first row clean), or empty when not asked
 *                   for; empty leaves report.json and report.md exactly as they were before robustness existed
 */
public record EvaluationReport(
        String dataset,
        String split,
        Map<String, Object> run,
        long count,
        TaskAMetrics taskA,
        TaskBMetrics taskB,
        RocCurve roc,
        TrainingHistory history,
        String createdAt,
        List<SplitHeadline> splits,
        CalibrationSection calibration,
        List<RobustnessRow> robustness) {

    public EvaluationReport {
        robustness = robustness == null ? List.of() : List.copyOf(robustness);
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(taskA, "taskA");
        Objects.requireNonNull(taskB, "taskB");
        Objects.requireNonNull(roc, "roc");
        Objects.requireNonNull(createdAt, "createdAt");
        // LinkedHashMap keeps the caller's key order in the JSON and tolerates null values, which Map.copyOf does not.
        run = Collections.unmodifiableMap(new LinkedHashMap<>(run == null ? Map.of() : run));
        splits = splits == null ? List.of() : List.copyOf(splits);
    }

    /** A report on one split alone, without calibration. */
    public EvaluationReport(String dataset, String split, Map<String, Object> run, long count, TaskAMetrics taskA,
                            TaskBMetrics taskB, RocCurve roc, TrainingHistory history, String createdAt) {
        this(dataset, split, run, count, taskA, taskB, roc, history, createdAt, List.of(), null, List.of());
    }

    /** This report with the side-by-side headline table and the calibration section added. */
    public EvaluationReport with(List<SplitHeadline> comparedSplits, CalibrationSection calibrationSection) {
        return new EvaluationReport(dataset, split, run, count, taskA, taskB, roc, history, createdAt,
                comparedSplits, calibrationSection, robustness);
    }

    public Optional<CalibrationSection> calibrationSection() {
        return Optional.ofNullable(calibration);
    }

    /** This report with a robustness table. */
    public EvaluationReport withRobustness(List<RobustnessRow> rows) {
        return new EvaluationReport(dataset, split, run, count, taskA, taskB, roc, history, createdAt, splits,
                calibration, rows);
    }

    /** Scores both tasks on the predictions; Task A at {@code threshold}. */
    public static EvaluationReport evaluate(String dataset, String split, Map<String, Object> run,
                                            List<Prediction> predictions, double threshold,
                                            TrainingHistory history, String createdAt) {
        return new EvaluationReport(dataset, split, run, predictions.size(),
                TaskAMetrics.evaluate(predictions, threshold),
                TaskBMetrics.evaluate(predictions),
                RocCurve.of(predictions),
                history,
                createdAt);
    }

    public Optional<TrainingHistory> trainingHistory() {
        return Optional.ofNullable(history).filter(h -> !h.isEmpty());
    }

    /**
     * The headline numbers for the model manifest:
     * {@code {"taskA": {accuracy, precision, recall, f1, rocAuc}, "taskB": {accuracy, macroF1, perClassF1: {slug: f1}}}}.
     * rocAuc is null when the split lacks one of the two classes.
     */
    public Map<String, Object> metricsSummary() {
        Map<String, Object> taskASummary = new LinkedHashMap<>();
        taskASummary.put("accuracy", taskA.accuracy());
        taskASummary.put("precision", taskA.precision());
        taskASummary.put("recall", taskA.recall());
        taskASummary.put("f1", taskA.f1());
        taskASummary.put("rocAuc", taskA.rocAuc());
        Map<String, Object> taskBSummary = new LinkedHashMap<>();
        taskBSummary.put("accuracy", taskB.accuracy());
        taskBSummary.put("macroF1", taskB.macroF1());
        taskBSummary.put("perClassF1", taskB.perClassF1());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("taskA", Collections.unmodifiableMap(taskASummary));
        summary.put("taskB", Collections.unmodifiableMap(taskBSummary));
        return Collections.unmodifiableMap(summary);
    }
}
