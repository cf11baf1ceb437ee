package dev.defactify.training.evaluation;

/**
 * Calibration measured on one split, before (temperature 1) and after the fitted temperatures.
 *
 * @param aiNllBefore   mean binary cross-entropy of the raw binary head
 * @param sourceNllBefore mean cross-entropy of the raw attribution head
 * @param attribution   the unknown-source signal (calibrated probabilities) on this split
 */
public record SplitCalibration(String split, long count,
                               double aiNllBefore, double aiNllAfter, Reliability aiBefore, Reliability aiAfter,
                               double sourceNllBefore, double sourceNllAfter, Reliability sourceBefore,
                               Reliability sourceAfter, AttributionConfidence attribution) {
}
