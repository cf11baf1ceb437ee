package dev.defactify.training.cli;

import dev.defactify.training.calibration.CalibrationFile;
import dev.defactify.training.calibration.UnknownSourceRule;
import dev.defactify.training.data.Split;
import dev.defactify.training.evaluation.ConsoleSummary;
import dev.defactify.training.evaluation.EvaluationReport;
import dev.defactify.training.progress.ProgressReporter;
import dev.defactify.training.train.RunEvaluation;
import dev.defactify.training.train.TrainedRun;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a split with a trained run: Task A (accuracy, precision, recall, F1, ROC-AUC) and Task B "
                + "(accuracy, macro-F1, per-class F1, confusion matrix); writes RUN/report/{report.json,report.md,*.png}. "
                + "When the dataset has a validation split, also fits temperature scaling and the unknown-source "
                + "level there, writes RUN/calibration.json (which 'export' puts into the manifest) and reports "
                + "validation and the split side by side.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, description = "Run folder written by 'train'.")
    Path run;

    @Option(names = "--data", description = "Dataset folder (default: the one the run was trained on).")
    Path data;

    @Option(names = "--split", defaultValue = "test", description = "train | val | test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--unknown-source-accuracy", defaultValue = "0.9",
            description = "Accuracy the confident attributions must reach on validation; sets the calibrated "
                    + "top-source probability below which an attribution is reported as unsure (default: "
                    + "${DEFAULT-VALUE}).")
    double unknownSourceAccuracy;

    @Override
    public Integer call() throws Exception {
        try (TrainedRun trained = TrainedRun.open(run)) {
            EvaluationReport report = new RunEvaluation(ProgressReporter.automatic(), Clock.systemUTC())
                    .evaluate(trained, data, Split.parse(split), new UnknownSourceRule(unknownSourceAccuracy));
            System.out.println(ConsoleSummary.render(report));
            report.calibrationSection().ifPresent(c -> System.out.printf(Locale.ROOT,
                    "calibration (fitted on validation): aiTemperature %.4f, sourceTemperature %.4f, "
                            + "unknownSourceBelow %.4f -> %s%n", c.aiTemperature(), c.sourceTemperature(),
                    c.unknownSourceBelow(), CalibrationFile.in(trained.directory().root())));
            System.out.println("report: " + trained.directory().report().resolve("report.md"));
        }
        return 0;
    }
}
