package dev.defactify.training.augment;

import dev.defactify.contract.image.DecodedImage;
import dev.defactify.contract.image.ImageRejectedException;

/**
 * What happens to a decoded image between the shared decoder and the shared resize/normalise. Closed set: nothing
 * (validation, test, evaluation, serving), the seeded training augmentation, or one fixed perturbation for the
 * robustness evaluation.
 */
public sealed interface ImageTransform permits ImageTransform.Identity, TrainingAugmenter, FixedPerturbations {

    /**
     * @param imageId the image's dataset id; with {@code epoch} the only inputs to any randomness, so the result
     *                does not depend on which decoding thread runs it or when
     */
    DecodedImage apply(DecodedImage image, String imageId, int epoch) throws ImageRejectedException;

    /** Whether the same image may come out differently in another epoch (then tensors must not be cached). */
    boolean variesByEpoch();

    static ImageTransform identity() {
        return Identity.INSTANCE;
    }

    /** Leaves every image as decoded. */
    enum Identity implements ImageTransform {
        INSTANCE;

        @Override
        public DecodedImage apply(DecodedImage image, String imageId, int epoch) {
            return image;
        }

        @Override
        public boolean variesByEpoch() {
            return false;
        }
    }
}
