package dev.defactify.training.evaluation;

/** A Task A threshold and the accuracy it reaches on the set it was chosen on. */
public record ThresholdChoice(double threshold, double accuracy) {
}
