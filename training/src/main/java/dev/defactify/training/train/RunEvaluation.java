package dev.defactify.training.train;

import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.training.augment.ImageTransform;
import dev.defactify.training.augment.PerturbationApplier;
import dev.defactify.training.augment.RobustnessCondition;
import dev.defactify.training.data.Datasets;
import dev.defactify.training.data.ImageDataset;
import dev.defactify.training.data.LabelledImage;
import dev.defactify.training.data.Split;
import dev.defactify.training.evaluation.EvaluationReport;
import dev.defactify.training.evaluation.ReportWriter;
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

/** Scores a split with a trained run and writes the report (JSON, Markdown, plots) into RUN/report. */
public final class RunEvaluation {
    private final ProgressReporter progress;
    private final Clock clock;

    public RunEvaluation(ProgressReporter progress, Clock clock) {
        this.progress = progress;
        this.clock = clock;
    }

    /** @param data dataset to score; null means the dataset the run was trained on */
    public EvaluationReport evaluate(TrainedRun run, Path data, Split split) throws IOException {
        return evaluate(run, data, split, false);
    }

    /**
     * @param robustness also score the split under each {@link RobustnessCondition#standard()} perturbation (the
     *                   clean row is the main evaluation itself, not a second pass)
     */
    public EvaluationReport evaluate(TrainedRun run, Path data, Split split, boolean robustness) throws IOException {
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
        if (robustness) {
            report = report.withRobustness(robustnessRows(run, images, preprocessor, report, split));
        }
        new ReportWriter().write(report, run.directory().report());
        return report;
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
