package dev.defactify.training.evaluation;

/**
 * One operating point of the Task A detector.
 *
 * @param threshold images with {@code aiProbability >= threshold} are called generated at this point
 */
public record RocPoint(double falsePositiveRate, double truePositiveRate, double threshold) {
}
