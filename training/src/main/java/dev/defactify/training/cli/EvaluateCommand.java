package dev.defactify.training.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.training.calibration.CalibrationFile;
import dev.defactify.training.calibration.UnknownSourceRule;
import dev.defactify.training.data.Datasets;
import dev.defactify.training.data.ImageDataset;
import dev.defactify.training.data.ImageTraitsReader;
import dev.defactify.training.data.Split;
import dev.defactify.training.evaluation.ConsoleSummary;
import dev.defactify.training.evaluation.EvaluationReport;
import dev.defactify.training.evaluation.SizeFormatBaseline;
import dev.defactify.training.progress.ProgressReporter;
import dev.defactify.training.train.RunEvaluation;
import dev.defactify.training.train.TrainedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a split with a trained run: Task A (accuracy, precision, recall, F1, ROC-AUC) and Task B "
                + "(accuracy, macro-F1, per-class F1, confusion matrix); writes RUN/report/{report.json,report.md,*.png} "
                + "(and baseline.json with --baseline). When the dataset has a validation split, also fits temperature "
                + "scaling and the unknown-source level there, writes RUN/calibration.json (which 'export' puts into the "
                + "manifest) and reports validation and the split side by side.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, description = "Run folder written by 'train'.")
    Path run;

    @Option(names = "--data", description = "Dataset folder or s3://bucket/prefix/ of parquet shards (default: the one the "
            + "run was trained on).")
    String data;

    @Option(names = "--split", defaultValue = "test", description = "train | val | test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--baseline", description = "Also fit the size/format-only baseline on the train split and score "
            + "the evaluated split with it; writes RUN/report/baseline.json.")
    boolean baseline;

    @Option(names = "--unknown-source-accuracy", defaultValue = "0.9",
            description = "Accuracy the confident attributions must reach on validation; sets the calibrated "
                    + "top-source probability below which an attribution is reported as unsure (default: "
                    + "${DEFAULT-VALUE}).")
    double unknownSourceAccuracy;

    @Option(names = "--robustness",
            description = "Also score the split under JPEG q90/q75/q50, a 0.5x downscale and a sigma-1 blur; one table "
                    + "in report.md, a 'robustness' block in report.json.")
    boolean robustness;

    @Override
    public Integer call() throws Exception {
        Split chosen = Split.parse(split);
        try (TrainedRun trained = TrainedRun.open(run)) {
            Path local = data != null ? Datasets.localFolder(data) : Path.of(trained.record().config().data());
            EvaluationReport report = new RunEvaluation(ProgressReporter.automatic(), Clock.systemUTC())
                    .evaluate(trained, local, chosen, new UnknownSourceRule(unknownSourceAccuracy), robustness);
            System.out.println(ConsoleSummary.render(report));
            report.calibrationSection().ifPresent(c -> System.out.printf(Locale.ROOT,
                    "calibration (fitted on validation): aiTemperature %.4f, sourceTemperature %.4f, "
                            + "unknownSourceBelow %.4f -> %s%n", c.aiTemperature(), c.sourceTemperature(),
                    c.unknownSourceBelow(), CalibrationFile.in(trained.directory().root())));
            System.out.println("report: " + trained.directory().report().resolve("report.md"));
            if (baseline) {
                writeBaseline(local, chosen, trained.directory().report().resolve(BASELINE_FILE));
            }
        }
        return 0;
    }

    static final String BASELINE_FILE = "baseline.json";

    // A separate file rather than a report section: the report's JSON and Markdown are shared with other tools, and
    // the baseline is an optional check on the dataset, not on the model.
    private static void writeBaseline(Path data, Split split, Path target) throws IOException {
        ImageDataset dataset = Datasets.open(data);
        ImageTraitsReader reader = new ImageTraitsReader();
        List<SizeFormatBaseline.Example> train = reader.examples(dataset, Split.TRAIN);
        List<SizeFormatBaseline.Example> test = reader.examples(dataset, split);
        SizeFormatBaseline.Result result = SizeFormatBaseline.evaluate(train, test, reader.skipped());
        Files.createDirectories(target.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(target.toFile(),
                result.asJson(dataset.describe(), Split.TRAIN.folderName(), split.folderName()));
        System.out.println(result.summary());
        System.out.println("baseline: " + target);
    }
}
