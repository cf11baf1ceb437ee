package dev.defactify.training.train;

import dev.defactify.training.calibration.CalibrationAssessment;
import dev.defactify.training.calibration.CalibrationFile;
import dev.defactify.training.calibration.CalibrationFitter;
import dev.defactify.training.calibration.FittedCalibration;
import dev.defactify.training.calibration.LogitSet;
import dev.defactify.training.calibration.UnknownSourceRule;
import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.training.augment.ImageTransform;
import dev.defactify.training.augment.PerturbationApplier;
import dev.defactify.training.augment.RobustnessCondition;
import dev.defactify.training.data.Datasets;
import dev.defactify.training.data.ImageDataset;
import dev.defactify.training.data.LabelledImage;
import dev.defactify.training.data.Split;
import dev.defactify.training.evaluation.EvaluationReport;
import dev.defactify.training.evaluation.Prediction;
import dev.defactify.training.evaluation.ReportWriter;
import dev.defactify.training.evaluation.SplitHeadline;
import dev.defactify.training.evaluation.RobustnessRow;
import dev.defactify.training.evaluation.TaskAMetrics;
import dev.defactify.training.evaluation.TaskBMetrics;
import dev.defactify.training.evaluation.TrainingHistory;
import dev.defactify.training.progress.ProgressReporter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a split with a trained run and writes the report (JSON, Markdown, plots) into RUN/report, with the
 * calibration fitted on validation (RUN/calibration.json) when the dataset has a validation split.
 */
public final class RunEvaluation {
    private final ProgressReporter progress;
    private final Clock clock;

    public RunEvaluation(ProgressReporter progress, Clock clock) {
        this.progress = progress;
        this.clock = clock;
    }

    /** As {@link #evaluate(TrainedRun, Path, Split, UnknownSourceRule)} with the default 90% target. */
    public EvaluationReport evaluate(TrainedRun run, Path data, Split split) throws IOException {
        return evaluate(run, data, split, new UnknownSourceRule(UnknownSourceRule.DEFAULT_TARGET_ACCURACY), false);
    }

    /** As {@link #evaluate(TrainedRun, Path, Split, UnknownSourceRule, boolean)} without robustness. */
    public EvaluationReport evaluate(TrainedRun run, Path data, Split split, UnknownSourceRule rule)
            throws IOException {
        return evaluate(run, data, split, rule, false);
    }

    /** As {@link #evaluate(TrainedRun, Path, Split, UnknownSourceRule, boolean)} with the default 90% target. */
    public EvaluationReport evaluate(TrainedRun run, Path data, Split split, boolean robustness) throws IOException {
        return evaluate(run, data, split, new UnknownSourceRule(UnknownSourceRule.DEFAULT_TARGET_ACCURACY), robustness);
    }

    /**
     * Scores {@code split} and, when the dataset has a validation split, also scores validation, fits the calibration
     * there (never on the split being reported, so the test numbers stay honest) and writes it to
     * RUN/calibration.json; the report then shows validation and {@code split} side by side.
     *
     * @param data       dataset to score; null means the dataset the run was trained on
     * @param rule       how the unknown-source level is chosen on validation
     * @param robustness also score the split under each {@link RobustnessCondition#standard()} perturbation (the
     *                   clean row is the main evaluation itself, not a second pass)
     */
    public EvaluationReport evaluate(TrainedRun run, Path data, Split split, UnknownSourceRule rule,
                                     boolean robustness) throws IOException {
        Path source = data != null ? data : Path.of(run.record().config().data());
        ImageDataset dataset = Datasets.open(source);
        List<LabelledImage> images = dataset.images(split);
        if (images.isEmpty()) {
            throw new IllegalArgumentException(dataset.describe() + " has no " + split.folderName() + " images");
        }
        TrainingConfig config = run.record().config();
        ImagePreprocessor preprocessor = run.preprocessor();
        Evaluation.Result result = score(run, images, preprocessor, ImageTransform.identity(),
                "evaluate " + split.folderName());
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("run", run.directory().root().toString());
        about.put("architecture", config.architecture());
        about.put("bestEpoch", run.record().bestEpoch());
        about.put("seed", config.seed());
        about.put("gitCommit", run.record().gitCommit());
        about.put("imagesPerSecond", result.imagesPerSecond());
        EvaluationReport report = EvaluationReport.evaluate(dataset.describe(), split.folderName(), about,
                result.predictions(), TaskAMetrics.DEFAULT_THRESHOLD, new TrainingHistory(run.record().history()),
                clock.instant().toString());
        List<LabelledImage> validationImages = split == Split.VAL ? images : dataset.images(Split.VAL);
        if (!validationImages.isEmpty()) {
            List<Prediction> validation = split == Split.VAL ? result.predictions()
                    : score(run, validationImages, preprocessor, ImageTransform.identity(), "evaluate "
                    + Split.VAL.folderName()).predictions();
            report = calibrated(run, report, split, result.predictions(), validation, rule);
        }
        if (robustness) {
            report = report.withRobustness(robustnessRows(run, images, preprocessor, report, split));
        }
        new ReportWriter().write(report, run.directory().report());
        return report;
    }

    private EvaluationReport calibrated(TrainedRun run, EvaluationReport report, Split split,
                                        List<Prediction> reported, List<Prediction> validation,
                                        UnknownSourceRule rule) throws IOException {
        LogitSet validationLogits = LogitSet.of(validation);
        FittedCalibration fitted = new CalibrationFitter(rule).fit(validationLogits);
        new CalibrationFile().write(fitted, CalibrationFile.in(run.directory().root()));
        Map<String, LogitSet> splits = new LinkedHashMap<>();
        List<SplitHeadline> headlines = new ArrayList<>();
        splits.put(Split.VAL.folderName(), validationLogits);
        headlines.add(new SplitHeadline(Split.VAL.folderName(), validation.size(),
                TaskAMetrics.evaluate(validation, TaskAMetrics.DEFAULT_THRESHOLD), TaskBMetrics.evaluate(validation)));
        if (split != Split.VAL) {
            splits.put(split.folderName(), LogitSet.of(reported));
            headlines.add(SplitHeadline.of(report));
        }
        return report.with(headlines, new CalibrationAssessment(fitted, rule).section(splits));
    }

    private List<RobustnessRow> robustnessRows(TrainedRun run, List<LabelledImage> images,
                                               ImagePreprocessor preprocessor, EvaluationReport clean, Split split) {
        PerturbationApplier applier = new PerturbationApplier(preprocessor.decoder());
        double threshold = clean.taskA().threshold();
        List<RobustnessRow> rows = new ArrayList<>();
        for (RobustnessCondition condition : RobustnessCondition.standard()) {
            if (condition.perturbations().isEmpty()) {
                rows.add(RobustnessRow.of(condition.name(), clean.taskA(), clean.taskB()));
                continue;
            }
            Evaluation.Result result = score(run, images, preprocessor, condition.transform(applier),
                    "evaluate " + split.folderName() + " " + condition.name());
            rows.add(RobustnessRow.of(condition.name(), TaskAMetrics.evaluate(result.predictions(), threshold),
                    TaskBMetrics.evaluate(result.predictions())));
        }
        return rows;
    }

    private Evaluation.Result score(TrainedRun run, List<LabelledImage> images, ImagePreprocessor preprocessor,
                                    ImageTransform transform, String taskName) {
        TrainingConfig config = run.record().config();
        try (BatchLoader loader = new BatchLoader(images, preprocessor, transform, config.workers(), false)) {
            return Evaluation.run(run.net(), run.manager(), loader, config.batchSize(), progress, taskName);
        }
    }
}
