package dev.defactify.training.augment;

import dev.defactify.contract.image.DecodedImage;
import dev.defactify.contract.image.ImageRejectedException;
import java.util.List;

/** The same perturbations for every image and epoch: one condition of the robustness evaluation. */
public record FixedPerturbations(List<Perturbation> perturbations, PerturbationApplier applier)
        implements ImageTransform {

    public FixedPerturbations {
        perturbations = List.copyOf(perturbations);
    }

    @Override
    public DecodedImage apply(DecodedImage image, String imageId, int epoch) throws ImageRejectedException {
        return applier.applyAll(image, perturbations);
    }

    @Override
    public boolean variesByEpoch() {
        return false;
    }
}
