package dev.defactify.training.augment;

import dev.defactify.contract.image.DecodedImage;
import dev.defactify.contract.image.ImageRejectedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The seeded training augmentation. Each image's perturbations are drawn from a generator seeded by
 * (run seed, epoch, image id) alone, never from a shared generator: the loader decodes on several threads in no
 * fixed order, and a resumed run must see what an uninterrupted one would have.
 */
public record TrainingAugmenter(AugmentationConfig config, long seed, PerturbationApplier applier)
        implements ImageTransform {

    @Override
    public DecodedImage apply(DecodedImage image, String imageId, int epoch) throws ImageRejectedException {
        return applier.applyAll(image, plan(imageId, epoch, image.width(), image.height()));
    }

    @Override
    public boolean variesByEpoch() {
        return !config.isNone();
    }

    /**
     * The perturbations for this image in this epoch. Every parameter is drawn whether or not it is used, in a
     * fixed order, so switching one augmentation on does not reshuffle the others' draws.
     */
    public List<Perturbation> plan(String imageId, int epoch, int width, int height) {
        SplittableRandom random = new SplittableRandom(mix(seed, epoch, imageId));
        boolean resize = random.nextDouble() < config.resizeProb();
        double factor = config.resizeScale().draw(random);
        double cropArea = config.cropScale().draw(random);
        double cropX = random.nextDouble();
        double cropY = random.nextDouble();
        boolean flip = random.nextDouble() < config.flipProb();
        boolean blur = random.nextDouble() < config.blurProb();
        double sigma = config.blurSigma().draw(random);
        boolean jpeg = random.nextDouble() < config.jpegProb();
        int quality = config.jpegQuality().drawInt(random);

        List<Perturbation> plan = new ArrayList<>(5);
        int w = width;
        int h = height;
        if (resize) {
            plan.add(new Perturbation.Rescale(factor));
            w = Math.max(1, (int) Math.round(width * factor));
            h = Math.max(1, (int) Math.round(height * factor));
        }
        if (config.randomCrop()) {
            int side = Math.clamp(Math.round(Math.min(w, h) * Math.sqrt(cropArea)), 1, Math.min(w, h));
            plan.add(new Perturbation.SquareCrop((int) Math.floor(cropX * (w - side + 1)),
                    (int) Math.floor(cropY * (h - side + 1)), side));
        }
        if (flip) {
            plan.add(new Perturbation.HorizontalFlip());
        }
        if (blur && sigma > 0) {
            plan.add(new Perturbation.GaussianBlur(sigma));
        }
        if (jpeg) {
            plan.add(new Perturbation.JpegRecompression(quality));
        }
        return List.copyOf(plan);
    }

    /** A 64-bit seed from (seed, epoch, id): FNV-1a over the id's UTF-8 bytes, then SplitMix-style mixing. */
    static long mix(long seed, int epoch, String imageId) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : imageId.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + hash;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
