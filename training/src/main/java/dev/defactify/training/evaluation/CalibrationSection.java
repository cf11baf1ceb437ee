package dev.defactify.training.evaluation;

import java.util.List;

/**
 * The calibration part of a report: what was fitted, on which split, and how it does on every evaluated split.
 *
 * @param targetAccuracy the accuracy the confident attributions had to reach on the fitting split
 * @param rule           the unknown-source rule in words, printed so a reader need not look it up
 * @param splits         the fitting split first, then the others
 */
public record CalibrationSection(double aiTemperature, double sourceTemperature, double unknownSourceBelow,
                                 double targetAccuracy, String fittedOn, String rule, List<SplitCalibration> splits) {

    public CalibrationSection {
        splits = List.copyOf(splits);
    }
}
