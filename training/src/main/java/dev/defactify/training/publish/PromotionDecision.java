package dev.defactify.training.publish;

/**
 * The gate's verdict and the one line that explains it (metrics side by side).
 *
 * @param promote whether {@code current.json} should point at the candidate after this publish
 * @param write   whether {@code current.json} must be written for that (false when it already points there)
 * @param forced  whether {@code --force} overrode a failing comparison
 */
public record PromotionDecision(boolean promote, boolean write, boolean forced, String line) {
}
