package dev.defactify.training.evaluation;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an {@link EvaluationReport} into a directory: report.json, report.md and the PNG plots it links.
 * Same report in, same bytes out for the text files: no clock, fixed field order, "\n" line ends. Plots need no
 * display: on Linux without DISPLAY the JDK is headless by default, and tests run with java.awt.headless=true.
 */
public final class ReportWriter {

    public static final String JSON_FILE = "report.json";
    public static final String MARKDOWN_FILE = "report.md";
    public static final String LOSS_CURVES_FILE = "loss-curves.png";
    public static final String CONFUSION_MATRIX_FILE = "confusion-matrix.png";
    public static final String ROC_FILE = "roc.png";

    private final ObjectMapper mapper;

    public ReportWriter() {
        this(new ObjectMapper());
    }

    public ReportWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public WrittenReport write(EvaluationReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> plots = writePlots(report, directory);
        Path json = directory.resolve(JSON_FILE);
        Files.writeString(json, json(report), StandardCharsets.UTF_8);
        Path markdown = directory.resolve(MARKDOWN_FILE);
        List<String> plotNames = plots.stream().map(p -> p.getFileName().toString()).toList();
        Files.writeString(markdown, MarkdownReport.render(report, plotNames), StandardCharsets.UTF_8);
        return new WrittenReport(directory, json, markdown, plots);
    }

    /** The report.json text, for callers that ship it elsewhere (for example into a model bundle). */
    public String json(EvaluationReport report) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return mapper.writer(printer).writeValueAsString(new ReportJson(mapper).toTree(report)) + "\n";
    }

    private static List<Path> writePlots(EvaluationReport report, Path directory) throws IOException {
        List<Path> plots = new ArrayList<>();
        if (report.trainingHistory().isPresent()) {
            Path file = directory.resolve(LOSS_CURVES_FILE);
            LossCurvesPlot.write(report.trainingHistory().get(), file);
            plots.add(file);
        }
        Path confusion = directory.resolve(CONFUSION_MATRIX_FILE);
        ConfusionMatrixPlot.write(report.taskB().confusionMatrix(), confusion);
        plots.add(confusion);
        if (report.roc().isDefined()) {
            Path roc = directory.resolve(ROC_FILE);
            RocPlot.write(report.roc(), roc);
            plots.add(roc);
        }
        return plots;
    }
}
