package dev.defactify.training.augment;

/**
 * One change made to a decoded image: the closed set of degradations a photo meets between camera (or generator)
 * and our detector. Each carries its already-drawn parameters, so applying one is deterministic; the randomness
 * lives in {@link TrainingAugmenter}'s plan, not here.
 */
public sealed interface Perturbation {

    /** Scale both sides by {@code factor} (bilinear), as a re-upload at another size does. */
    record Rescale(double factor) implements Perturbation {
        public Rescale {
            if (!(factor > 0) || !Double.isFinite(factor)) {
                throw new IllegalArgumentException("rescale factor must be > 0, got " + factor);
            }
        }
    }

    /** Keep the square {@code side × side} whose top-left corner is at {@code (x, y)}. */
    record SquareCrop(int x, int y, int side) implements Perturbation {
        public SquareCrop {
            if (x < 0 || y < 0 || side < 1) {
                throw new IllegalArgumentException("crop needs x, y >= 0 and side >= 1, got " + x + "," + y + "," + side);
            }
        }
    }

    /** Mirror left to right. */
    record HorizontalFlip() implements Perturbation {
    }

    /** Separable Gaussian blur with standard deviation {@code sigma} pixels; 0 leaves the image as it is. */
    record GaussianBlur(double sigma) implements Perturbation {
        public GaussianBlur {
            if (!(sigma >= 0) || !Double.isFinite(sigma)) {
                throw new IllegalArgumentException("blur sigma must be >= 0, got " + sigma);
            }
        }
    }

    /** Encode as baseline JPEG at {@code quality} (1-100, ImageIO's scale ×100) and decode again. */
    record JpegRecompression(int quality) implements Perturbation {
        public JpegRecompression {
            if (quality < 1 || quality > 100) {
                throw new IllegalArgumentException("JPEG quality must be in [1, 100], got " + quality);
            }
        }
    }
}
