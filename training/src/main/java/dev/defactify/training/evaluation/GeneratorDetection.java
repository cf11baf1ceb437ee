package dev.defactify.training.evaluation;

/**
 * How well Task A catches one generator: detectors often miss a specific model, which a pooled recall hides.
 *
 * @param support  images from this generator in the set
 * @param detected of those, how many were called generated
 * @param accuracy detected / support, or null when the generator is absent from the set
 */
public record GeneratorDetection(String slug, long support, long detected, Double accuracy) {
}
