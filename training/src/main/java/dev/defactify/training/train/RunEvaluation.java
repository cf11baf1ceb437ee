package dev.defactify.training.train;

import dev.defactify.training.calibration.CalibrationAssessment;
import dev.defactify.training.calibration.CalibrationFile;
import dev.defactify.training.calibration.CalibrationFitter;
import dev.defactify.training.calibration.FittedCalibration;
import dev.defactify.training.calibration.LogitSet;
import dev.defactify.training.calibration.UnknownSourceRule;
import dev.defactify.training.data.Datasets;
import dev.defactify.training.data.ImageDataset;
import dev.defactify.training.data.LabelledImage;
import dev.defactify.training.data.Split;
import dev.defactify.training.evaluation.EvaluationReport;
import dev.defactify.training.evaluation.Prediction;
import dev.defactify.training.evaluation.ReportWriter;
import dev.defactify.training.evaluation.SplitHeadline;
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
        return evaluate(run, data, split, new UnknownSourceRule(UnknownSourceRule.DEFAULT_TARGET_ACCURACY));
    }

    /**
     * Scores {@code split} and, when the dataset has a validation split, also scores validation, fits the calibration
     * there (never on the split being reported, so the test numbers stay honest) and writes it to
     * RUN/calibration.json; the report then shows validation and {@code split} side by side.
     *
     * @param data dataset to score; null means the dataset the run was trained on
     * @param rule how the unknown-source level is chosen on validation
     */
    public EvaluationReport evaluate(TrainedRun run, Path data, Split split, UnknownSourceRule rule)
            throws IOException {
        Path source = data != null ? data : Path.of(run.record().config().data());
        ImageDataset dataset = Datasets.open(source);
        List<LabelledImage> images = dataset.images(split);
        if (images.isEmpty()) {
            throw new IllegalArgumentException(dataset.describe() + " has no " + split.folderName() + " images");
        }
        TrainingConfig config = run.record().config();
        Evaluation.Result result = score(run, images, split);
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
                    : score(run, validationImages, Split.VAL).predictions();
            report = calibrated(run, report, split, result.predictions(), validation, rule);
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

    private Evaluation.Result score(TrainedRun run, List<LabelledImage> images, Split split) {
        TrainingConfig config = run.record().config();
        try (BatchLoader loader = new BatchLoader(images, run.preprocessor(), config.workers(), false)) {
            return Evaluation.run(run.net(), run.manager(), loader, config.batchSize(), progress,
                    "evaluate " + split.folderName());
        }
    }
}
