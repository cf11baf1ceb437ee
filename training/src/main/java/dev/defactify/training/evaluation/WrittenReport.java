package dev.defactify.training.evaluation;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link ReportWriter} produced.
 *
 * @param plots the PNGs written, in the order report.md links them; a plot without data is absent
 */
public record WrittenReport(Path directory, Path json, Path markdown, List<Path> plots) {

    public WrittenReport {
        plots = List.copyOf(plots);
    }
}
