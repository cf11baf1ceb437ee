package dev.defactify.training.cli;

import dev.defactify.training.data.Split;
import dev.defactify.training.evaluation.ConsoleSummary;
import dev.defactify.training.evaluation.EvaluationReport;
import dev.defactify.training.progress.ProgressReporter;
import dev.defactify.training.train.RunEvaluation;
import dev.defactify.training.train.TrainedRun;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a split with a trained run: Task A (accuracy, precision, recall, F1, ROC-AUC) and Task B "
                + "(accuracy, macro-F1, per-class F1, confusion matrix); writes RUN/report/{report.json,report.md,*.png}.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, description = "Run folder written by 'train'.")
    Path run;

    @Option(names = "--data", description = "Dataset folder (default: the one the run was trained on).")
    Path data;

    @Option(names = "--split", defaultValue = "test", description = "train | val | test (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--robustness",
            description = "Also score the split under JPEG q90/q75/q50, a 0.5x downscale and a sigma-1 blur; one table "
                    + "in report.md, a 'robustness' block in report.json.")
    boolean robustness;

    @Override
    public Integer call() throws Exception {
        try (TrainedRun trained = TrainedRun.open(run)) {
            EvaluationReport report = new RunEvaluation(ProgressReporter.automatic(), Clock.systemUTC())
                    .evaluate(trained, data, Split.parse(split), robustness);
            System.out.println(ConsoleSummary.render(report));
            System.out.println("report: " + trained.directory().report().resolve("report.md"));
        }
        return 0;
    }
}
