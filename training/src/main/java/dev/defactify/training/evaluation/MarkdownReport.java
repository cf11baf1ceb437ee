package dev.defactify.training.evaluation;

import dev.defactify.training.calibration.TemperatureFit;

import java.util.List;
import java.util.function.Function;

/** Renders report.md: the numbers a person reads first, then the detail, then the plots. */
final class MarkdownReport {

    private final StringBuilder out = new StringBuilder();

    /** @param plots file names of the plots that were actually written, linked in that order */
    static String render(EvaluationReport report, List<String> plots) {
        return new MarkdownReport().write(report, plots);
    }

    private String write(EvaluationReport report, List<String> plots) {
        line("# Evaluation: " + report.dataset() + " (" + report.split() + ")");
        line("");
        line("- Images: " + report.count());
        line("- Created: " + report.createdAt());
        report.run().forEach((key, value) -> line("- " + key + ": " + value));
        if (!report.splits().isEmpty()) {
            sideBySide(report.splits());
        }
        taskA(report.taskA());
        taskB(report.taskB());
        report.calibrationSection().ifPresent(this::calibration);
        if (!report.robustness().isEmpty()) {
            robustness(report.robustness());
        }
        report.trainingHistory().ifPresent(this::history);
        plots(plots);
        return out.toString();
    }

    private void taskA(TaskAMetrics m) {
        section("Task A: real vs AI-generated");
        line("Threshold " + m.threshold() + "; positive class = AI-generated.");
        line("");
        table(List.of("Metric", "Value"));
        row("Accuracy", Formats.metric(m.accuracy()));
        row("Precision", Formats.metric(m.precision()));
        row("Recall", Formats.metric(m.recall()));
        row("F1", Formats.metric(m.f1()));
        row("ROC-AUC", Formats.metric(m.rocAuc()));
        row("Balanced accuracy", Formats.metric(m.balancedAccuracy()));
        row("Real accuracy (specificity)", Formats.metric(m.realAccuracy()));
        row("Generated accuracy (recall)", Formats.metric(m.generatedAccuracy()));
        row("Best-threshold accuracy (chosen on this set)", Formats.metric(m.bestThreshold().accuracy())
                + " at " + Formats.decimal(m.bestThreshold().threshold(), 4));
        line("");
        BinaryCounts c = m.counts();
        table(List.of("Truth \\ called", "real", "AI-generated"));
        row("real", Long.toString(c.trueNegatives()), Long.toString(c.falsePositives()));
        row("AI-generated", Long.toString(c.falseNegatives()), Long.toString(c.truePositives()));
        line("");
        line("Detection accuracy per generator (share of its images called AI-generated):");
        line("");
        table(List.of("Generator", "Images", "Detected", "Accuracy"));
        m.perGenerator().values().forEach(g -> row(g.slug(), Long.toString(g.support()), Long.toString(g.detected()),
                Formats.metric(g.accuracy())));
        notes(m.notes());
    }

    private void taskB(TaskBMetrics m) {
        section("Task B: source attribution");
        table(List.of("Metric", "Value"));
        row("Accuracy", Formats.metric(m.accuracy()));
        row("Macro-F1", Formats.metric(m.macroF1()));
        line("");
        table(List.of("Class", "Precision", "Recall", "F1", "Support", "Predicted"));
        m.perClass().values().forEach(c -> row(c.slug() + (c.inMacroAverage() ? "" : " (not in macro-F1)"),
                Formats.metric(c.precision()), Formats.metric(c.recall()), Formats.metric(c.f1()),
                Long.toString(c.support()), Long.toString(c.predicted())));
        line("");
        line("Confusion matrix (rows = truth, columns = predicted):");
        line("");
        ConfusionMatrix matrix = m.confusionMatrix();
        table(prepend("truth \\ predicted", matrix.labels()));
        for (int truth = 0; truth < matrix.size(); truth++) {
            String[] cells = new String[matrix.size() + 1];
            cells[0] = "**" + matrix.labels().get(truth) + "**";
            for (int predicted = 0; predicted < matrix.size(); predicted++) {
                cells[predicted + 1] = Long.toString(matrix.count(truth, predicted));
            }
            row(cells);
        }
        notes(m.notes());
    }

    /**
     * A temperature on the search bound means the optimum lies beyond it (a separable or uninformative validation
     * split, usually a tiny one): the value is a clamp, not a fit, and a reader should know.
     */
    private void boundNote(String name, double temperature) {
        if (temperature <= TemperatureFit.MIN_TEMPERATURE || temperature >= TemperatureFit.MAX_TEMPERATURE) {
            line("**Note:** " + name + " " + Formats.decimal(temperature, 4) + " is at the search bound ["
                    + TemperatureFit.MIN_TEMPERATURE + ", " + TemperatureFit.MAX_TEMPERATURE + "]: the validation "
                    + "split did not determine it (too few or perfectly separated images).");
        }
    }

    private void sideBySide(List<SplitHeadline> splits) {
        section("Headline metrics by split");
        line("Model choices (epoch, calibration, unknown-source level) are made on val; the other splits only report.");
        line("");
        table(prepend("Metric", splits.stream().map(s -> s.split() + " (" + s.count() + ")").toList()));
        headlineRow("Task A accuracy", splits, s -> Formats.metric(s.taskA().accuracy()));
        headlineRow("Task A balanced accuracy", splits, s -> Formats.metric(s.taskA().balancedAccuracy()));
        headlineRow("Task A F1", splits, s -> Formats.metric(s.taskA().f1()));
        headlineRow("Task A ROC-AUC", splits, s -> Formats.metric(s.taskA().rocAuc()));
        headlineRow("Task B accuracy", splits, s -> Formats.metric(s.taskB().accuracy()));
        headlineRow("Task B macro-F1", splits, s -> Formats.metric(s.taskB().macroF1()));
    }

    private void headlineRow(String title, List<SplitHeadline> splits, Function<SplitHeadline, String> cell) {
        row(prepend(title, splits.stream().map(cell).toList()).toArray(String[]::new));
    }

    private void calibration(CalibrationSection c) {
        section("Calibration (fitted on " + c.fittedOn() + ")");
        line("Temperature scaling: P(AI) = sigmoid(ai_logit / " + Formats.decimal(c.aiTemperature(), 4)
                + "), sources = softmax(source_logits / " + Formats.decimal(c.sourceTemperature(), 4) + ").");
        line("Unknown source below " + Formats.metric(c.unknownSourceBelow()) + ": " + c.rule());
        boundNote("aiTemperature", c.aiTemperature());
        boundNote("sourceTemperature", c.sourceTemperature());
        line("");
        line("ECE over " + Reliability.BINS + " equal-width bins: Task A on P(AI) against \"is generated\", "
                + "Task B top-label (max source probability against \"argmax is right\"). NLL is the mean "
                + "cross-entropy.");
        line("");
        List<SplitCalibration> splits = c.splits();
        table(prepend("Measure", splits.stream().map(s -> s.split() + " (" + s.count() + ")").toList()));
        calibrationRow("Task A NLL before → after", splits,
                s -> Formats.loss(s.aiNllBefore()) + " → " + Formats.loss(s.aiNllAfter()));
        calibrationRow("Task A ECE before → after", splits, s -> Formats.metric(s.aiBefore().expectedCalibrationError())
                + " → " + Formats.metric(s.aiAfter().expectedCalibrationError()));
        calibrationRow("Task B NLL before → after", splits,
                s -> Formats.loss(s.sourceNllBefore()) + " → " + Formats.loss(s.sourceNllAfter()));
        calibrationRow("Task B ECE before → after", splits,
                s -> Formats.metric(s.sourceBefore().expectedCalibrationError()) + " → "
                        + Formats.metric(s.sourceAfter().expectedCalibrationError()));
        calibrationRow("Confident attributions (coverage)", splits, s -> s.attribution().confident() + " ("
                + Formats.percent(s.attribution().coverage()) + ")");
        calibrationRow("Accuracy of confident attributions", splits,
                s -> Formats.metric(s.attribution().confidentAccuracy()));
        calibrationRow("Accuracy of unsure attributions", splits,
                s -> Formats.metric(s.attribution().unsureAccuracy()));
        for (SplitCalibration split : splits) {
            line("");
            line("Reliability after calibration, " + split.split() + " (non-empty bins: confidence → observed, count):");
            line("");
            table(List.of("Bin", "Task A: mean P(AI) → share generated (n)", "Bin",
                    "Task B: mean top probability → accuracy (n)"));
            List<ReliabilityBin> a = split.aiAfter().bins();
            List<ReliabilityBin> b = split.sourceAfter().bins();
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                row(i < a.size() ? range(a.get(i)) : "", i < a.size() ? binCell(a.get(i)) : "",
                        i < b.size() ? range(b.get(i)) : "", i < b.size() ? binCell(b.get(i)) : "");
            }
        }
    }

    private void calibrationRow(String title, List<SplitCalibration> splits, Function<SplitCalibration, String> cell) {
        row(prepend(title, splits.stream().map(cell).toList()).toArray(String[]::new));
    }

    private static String range(ReliabilityBin bin) {
        return "[" + Formats.decimal(bin.lower(), 3) + ", " + Formats.decimal(bin.upper(), 3) + ")";
    }

    private static String binCell(ReliabilityBin bin) {
        return Formats.metric(bin.meanConfidence()) + " → " + Formats.metric(bin.observed()) + " (" + bin.count()
                + ")";
    }

    private void robustness(List<RobustnessRow> rows) {
        section("Robustness");
        line("The same images perturbed after decoding, before the shared preprocessing: JPEG re-compression at "
                + "quality q, a 0.5x downscale, a Gaussian blur of sigma 1 px.");
        line("");
        table(List.of("Condition", "Task A accuracy", "Task A balanced accuracy", "Task A ROC-AUC",
                "Task B accuracy", "Task B macro-F1"));
        for (RobustnessRow r : rows) {
            row(r.condition(), Formats.metric(r.taskAAccuracy()), Formats.metric(r.taskABalancedAccuracy()),
                    Formats.metric(r.taskARocAuc()), Formats.metric(r.taskBAccuracy()), Formats.metric(r.taskBMacroF1()));
        }
    }

    private void history(TrainingHistory history) {
        section("Training history");
        List<Column> columns = List.of(
                new Column("Val loss", EpochRecord::valLoss, Formats::loss),
                new Column("Train binary", EpochRecord::trainBinaryLoss, Formats::loss),
                new Column("Train source", EpochRecord::trainSourceLoss, Formats::loss),
                new Column("Val binary", EpochRecord::valBinaryLoss, Formats::loss),
                new Column("Val source", EpochRecord::valSourceLoss, Formats::loss),
                new Column("Val A acc", EpochRecord::valTaskAAccuracy, Formats::metric),
                new Column("Val B macro-F1", EpochRecord::valTaskBMacroF1, Formats::metric));
        // Columns nobody recorded would be a wall of n/a; leave them out.
        List<Column> shown = columns.stream().filter(c -> history.has(c.value())).toList();
        List<String> header = new java.util.ArrayList<>(List.of("Epoch", "Train loss"));
        shown.forEach(c -> header.add(c.title()));
        header.addAll(List.of("LR", "Images/s", "Seconds"));
        table(header);
        for (EpochRecord epoch : history.epochs()) {
            List<String> cells = new java.util.ArrayList<>(List.of(Integer.toString(epoch.epoch()),
                    Formats.loss(epoch.trainLoss())));
            shown.forEach(c -> cells.add(c.format().apply(c.value().apply(epoch))));
            cells.addAll(List.of(Formats.scientific(epoch.learningRate()), Formats.decimal(epoch.imagesPerSecond(), 1),
                    Formats.decimal(epoch.seconds(), 1)));
            row(cells.toArray(String[]::new));
        }
    }

    private record Column(String title, Function<EpochRecord, Double> value, Function<Double, String> format) {
    }

    private void plots(List<String> plots) {
        if (plots.isEmpty()) {
            return;
        }
        section("Plots");
        for (String plot : plots) {
            line("![" + plot.replace(".png", "") + "](" + plot + ")");
            line("");
        }
    }

    private void notes(List<String> notes) {
        if (!notes.isEmpty()) {
            line("");
            notes.forEach(note -> line("> Note: " + note));
        }
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private void section(String title) {
        line("");
        line("## " + title);
        line("");
    }

    private void table(List<String> header) {
        row(header.toArray(String[]::new));
        row(header.stream().map(h -> "---").toArray(String[]::new));
    }

    private void row(String... cells) {
        line("| " + String.join(" | ", cells) + " |");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
