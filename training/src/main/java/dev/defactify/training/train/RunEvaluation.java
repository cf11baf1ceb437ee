package dev.defactify.training.train;

import dev.defactify.training.data.Datasets;
import dev.defactify.training.data.ImageDataset;
import dev.defactify.training.data.LabelledImage;
import dev.defactify.training.data.Split;
import dev.defactify.training.evaluation.EvaluationReport;
import dev.defactify.training.evaluation.ReportWriter;
import dev.defactify.training.evaluation.TaskAMetrics;
import dev.defactify.training.evaluation.TrainingHistory;
import dev.defactify.training.progress.ProgressReporter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
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
        Path source = data != null ? data : Path.of(run.record().config().data());
        ImageDataset dataset = Datasets.open(source);
        List<LabelledImage> images = dataset.images(split);
        if (images.isEmpty()) {
            throw new IllegalArgumentException(dataset.describe() + " has no " + split.folderName() + " images");
        }
        TrainingConfig config = run.record().config();
        Evaluation.Result result;
        try (BatchLoader loader = new BatchLoader(images, run.preprocessor(), config.workers(), false)) {
            result = Evaluation.run(run.net(), run.manager(), loader, config.batchSize(), progress,
                    "evaluate " + split.folderName());
        }
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
        new ReportWriter().write(report, run.directory().report());
        return report;
    }
}
