package dev.defactify.training.train;

import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.contract.image.ResizePolicy;
import dev.defactify.training.augment.AugmentationConfig;
import dev.defactify.training.augment.ImageTransform;
import dev.defactify.training.augment.PerturbationApplier;
import dev.defactify.training.augment.TrainingAugmenter;
import dev.defactify.training.data.Split;
import dev.defactify.training.model.Architecture;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that decides what a training run computes. It is written into the run directory and the model
 * manifest, so a run can be reproduced from them: same config + same data → same metrics.
 *
 * @param pretrained     a torchvision-named safetensors file to start the backbone from, or null for random init
 * @param device         "cpu" or "gpu"; asking for a GPU never silently falls back to the CPU
 * @param cacheTensors   keep preprocessed training tensors in memory across epochs when they fit (never while
 *                       augmenting, since tensors then change every epoch)
 * @param augmentation   training-batch augmentation; {@link AugmentationConfig#none()} when absent (runs recorded
 *                       before augmentation existed read back as none)
 * @param earlyStopPatience stop once validation macro-F1 has not improved for this many epochs; 0 = never
 * @param gpus           with device "gpu": how many GPUs to train on data-parallel, 0 = every GPU the engine sees
 *                       (runs recorded before this existed read back as 0). Batch norm normalises per device slice,
 *                       so the count is part of what a run computes.
 * @param maxSkippedShare the share of one pass's images (a training epoch, a validation pass) that may fail to decode
 *                       and be skipped before the run stops; preparing the dataset already left out every image that
 *                       did not decode then, so this covers files changed since. Runs recorded before this existed
 *                       read back as 0: none, which is how they ran. Not part of what a run computes (see
 *                       {@link #computesSameAs}): a run stopped by it can be resumed with a larger share.
 */
public record TrainingConfig(
        String data, String architecture, int epochs, int batchSize, OptimizerKind optimizer,
        double learningRate, double backboneRateFactor, double weightDecay, float momentum,
        double warmupEpochs, double finalRateFraction, int freezeBackboneEpochs,
        float binaryLossWeight, float sourceLossWeight, ClassBalance balance, long seed,
        int inputSize, String policy, String pretrained, String device, int workers, boolean cacheTensors,
        AugmentationConfig augmentation, int earlyStopPatience, int gpus, double maxSkippedShare) {

    /** What {@code train} allows unless told otherwise: one image in a hundred. */
    public static final double DEFAULT_MAX_SKIPPED_SHARE = 0.01;

    public TrainingConfig {
        augmentation = augmentation != null ? augmentation : AugmentationConfig.none();
        List<String> problems = new ArrayList<>();
        if (data == null || data.isBlank()) {
            problems.add("data is required");
        }
        try {
            Architecture.named(architecture);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        try {
            ResizePolicy.ofSlug(policy);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (epochs < 1) {
            problems.add("epochs must be >= 1");
        }
        if (batchSize < 1) {
            problems.add("batch size must be >= 1");
        }
        if (learningRate <= 0 || backboneRateFactor < 0 || weightDecay < 0 || momentum < 0 || momentum >= 1) {
            problems.add("learning rate must be > 0, backbone factor and weight decay >= 0, momentum in [0,1)");
        }
        if (warmupEpochs < 0 || finalRateFraction < 0 || finalRateFraction > 1) {
            problems.add("warm-up must be >= 0 epochs and the final rate fraction in [0,1]");
        }
        if (freezeBackboneEpochs < 0 || freezeBackboneEpochs >= epochs) {
            problems.add("freeze-backbone epochs must be in [0, epochs)");
        }
        if (binaryLossWeight < 0 || sourceLossWeight < 0 || binaryLossWeight + sourceLossWeight <= 0) {
            problems.add("loss weights must be >= 0 and not both 0");
        }
        if (inputSize < 32) {
            problems.add("input size must be >= 32");
        }
        if (!"cpu".equals(device) && !"gpu".equals(device)) {
            problems.add("device must be cpu or gpu");
        }
        if (gpus < 0) {
            problems.add("gpus must be >= 0 (0 = all visible GPUs)");
        } else if (gpus > 0 && "cpu".equals(device)) {
            problems.add("gpus applies to device gpu only; the CPU is one device");
        } else if (gpus > batchSize && batchSize >= 1) {
            problems.add("batch size " + batchSize + " is smaller than gpus " + gpus + ": the batch size is the "
                    + "global batch, split across the GPUs, so each needs at least one image");
        }
        if (workers < 1) {
            problems.add("workers must be >= 1");
        }
        if (earlyStopPatience < 0) {
            problems.add("early-stop patience must be >= 0 (0 = off)");
        }
        if (!(maxSkippedShare >= 0 && maxSkippedShare < 1)) {
            problems.add("max skipped share must be in [0, 1): the share of a pass's images that may fail to decode");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid training configuration: " + String.join("; ", problems));
        }
    }

    /** A config without augmentation or early stopping: what every run was before those existed. */
    public TrainingConfig(
            String data, String architecture, int epochs, int batchSize, OptimizerKind optimizer,
            double learningRate, double backboneRateFactor, double weightDecay, float momentum,
            double warmupEpochs, double finalRateFraction, int freezeBackboneEpochs,
            float binaryLossWeight, float sourceLossWeight, ClassBalance balance, long seed,
            int inputSize, String policy, String pretrained, String device, int workers, boolean cacheTensors) {
        this(data, architecture, epochs, batchSize, optimizer, learningRate, backboneRateFactor, weightDecay, momentum,
                warmupEpochs, finalRateFraction, freezeBackboneEpochs, binaryLossWeight, sourceLossWeight, balance,
                seed, inputSize, policy, pretrained, device, workers, cacheTensors, AugmentationConfig.none(), 0, 0);
    }

    /** A config on all visible GPUs (or the CPU): what every run was before the GPU count could be chosen. */
    public TrainingConfig(
            String data, String architecture, int epochs, int batchSize, OptimizerKind optimizer,
            double learningRate, double backboneRateFactor, double weightDecay, float momentum,
            double warmupEpochs, double finalRateFraction, int freezeBackboneEpochs,
            float binaryLossWeight, float sourceLossWeight, ClassBalance balance, long seed,
            int inputSize, String policy, String pretrained, String device, int workers, boolean cacheTensors,
            AugmentationConfig augmentation, int earlyStopPatience) {
        this(data, architecture, epochs, batchSize, optimizer, learningRate, backboneRateFactor, weightDecay, momentum,
                warmupEpochs, finalRateFraction, freezeBackboneEpochs, binaryLossWeight, sourceLossWeight, balance,
                seed, inputSize, policy, pretrained, device, workers, cacheTensors, augmentation, earlyStopPatience, 0);
    }

    /** A config that lets no image fail to decode: what every run was before the share could be chosen. */
    public TrainingConfig(
            String data, String architecture, int epochs, int batchSize, OptimizerKind optimizer,
            double learningRate, double backboneRateFactor, double weightDecay, float momentum,
            double warmupEpochs, double finalRateFraction, int freezeBackboneEpochs,
            float binaryLossWeight, float sourceLossWeight, ClassBalance balance, long seed,
            int inputSize, String policy, String pretrained, String device, int workers, boolean cacheTensors,
            AugmentationConfig augmentation, int earlyStopPatience, int gpus) {
        this(data, architecture, epochs, batchSize, optimizer, learningRate, backboneRateFactor, weightDecay, momentum,
                warmupEpochs, finalRateFraction, freezeBackboneEpochs, binaryLossWeight, sourceLossWeight, balance,
                seed, inputSize, policy, pretrained, device, workers, cacheTensors, augmentation, earlyStopPatience, gpus,
                0);
    }

    /** The same config with another augmentation and early-stop patience. */
    public TrainingConfig with(AugmentationConfig newAugmentation, int newPatience) {
        return new TrainingConfig(data, architecture, epochs, batchSize, optimizer, learningRate, backboneRateFactor,
                weightDecay, momentum, warmupEpochs, finalRateFraction, freezeBackboneEpochs, binaryLossWeight,
                sourceLossWeight, balance, seed, inputSize, policy, pretrained, device, workers, cacheTensors,
                newAugmentation, newPatience, gpus, maxSkippedShare);
    }

    /**
     * What happens to decoded images of {@code split} before the shared preprocessing: the seeded augmentation for
     * training batches, nothing for validation and test, whatever the config says, so metrics are always measured
     * on the images as they are.
     */
    public ImageTransform transformFor(Split split, ImagePreprocessor preprocessor) {
        if (split != Split.TRAIN || augmentation.isNone()) {
            return ImageTransform.identity();
        }
        return new TrainingAugmenter(augmentation, seed, new PerturbationApplier(preprocessor.decoder()));
    }

    /**
     * Whether two configs compute the same training: decoding threads and tensor caching only change speed, and the
     * skipped share only decides whether a run with broken files goes on.
     */
    public boolean computesSameAs(TrainingConfig other) {
        return new TrainingConfig(data, architecture, epochs, batchSize, optimizer, learningRate, backboneRateFactor,
                weightDecay, momentum, warmupEpochs, finalRateFraction, freezeBackboneEpochs, binaryLossWeight,
                sourceLossWeight, balance, seed, inputSize, policy, pretrained, device, other.workers,
                other.cacheTensors, augmentation, earlyStopPatience, gpus, other.maxSkippedShare).equals(other);
    }

    public Architecture architectureSpec() {
        return Architecture.named(architecture);
    }

    public ResizePolicy resizePolicy() {
        return ResizePolicy.ofSlug(policy);
    }
}
