package dev.defactify.training.augment;

import java.util.List;

/**
 * One row of the robustness evaluation: a name and the fixed perturbations applied to every image of the split
 * (after decoding, before the shared preprocessing), built from the same code as the training augmentation.
 */
public record RobustnessCondition(String name, List<Perturbation> perturbations) {

    public RobustnessCondition {
        perturbations = List.copyOf(perturbations);
    }

    /**
     * Clean, JPEG at quality 90/75/50, half-size (the decoded image is shrunk to 0.5x and handed to the shared
     * preprocessing as it is, as a downscaled re-upload would be; the preprocessing then scales it to the input
     * size), and Gaussian blur with sigma 1 pixel.
     */
    public static List<RobustnessCondition> standard() {
        return List.of(
                new RobustnessCondition("clean", List.of()),
                new RobustnessCondition("jpeg-q90", List.of(new Perturbation.JpegRecompression(90))),
                new RobustnessCondition("jpeg-q75", List.of(new Perturbation.JpegRecompression(75))),
                new RobustnessCondition("jpeg-q50", List.of(new Perturbation.JpegRecompression(50))),
                new RobustnessCondition("resize-0.5x", List.of(new Perturbation.Rescale(0.5))),
                new RobustnessCondition("blur-sigma1", List.of(new Perturbation.GaussianBlur(1))));
    }

    public ImageTransform transform(PerturbationApplier applier) {
        return perturbations.isEmpty() ? ImageTransform.identity() : new FixedPerturbations(perturbations, applier);
    }
}
