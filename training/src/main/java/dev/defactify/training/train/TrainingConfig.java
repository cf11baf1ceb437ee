package dev.defactify.training.train;

import dev.defactify.contract.image.ResizePolicy;
import dev.defactify.training.model.Architecture;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that decides what a training run computes. It is written into the run directory and the model
 * manifest, so a run can be reproduced from them: same config + same data → same metrics.
 *
 * @param pretrained     a torchvision-named safetensors file to start the backbone from, or null for random init
 * @param device         "cpu" or "gpu"; asking for a GPU never silently falls back to the CPU
 * @param cacheTensors   keep preprocessed training tensors in memory across epochs when they fit
 */
public record TrainingConfig(
        String data, String architecture, int epochs, int batchSize, OptimizerKind optimizer,
        double learningRate, double backboneRateFactor, double weightDecay, float momentum,
        double warmupEpochs, double finalRateFraction, int freezeBackboneEpochs,
        float binaryLossWeight, float sourceLossWeight, ClassBalance balance, long seed,
        int inputSize, String policy, String pretrained, String device, int workers, boolean cacheTensors) {

    public TrainingConfig {
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
        if (workers < 1) {
            problems.add("workers must be >= 1");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid training configuration: " + String.join("; ", problems));
        }
    }

    /** Whether two configs compute the same training: decoding threads and tensor caching only change speed. */
    public boolean computesSameAs(TrainingConfig other) {
        return new TrainingConfig(data, architecture, epochs, batchSize, optimizer, learningRate, backboneRateFactor,
                weightDecay, momentum, warmupEpochs, finalRateFraction, freezeBackboneEpochs, binaryLossWeight,
                sourceLossWeight, balance, seed, inputSize, policy, pretrained, device, other.workers,
                other.cacheTensors).equals(other);
    }

    public Architecture architectureSpec() {
        return Architecture.named(architecture);
    }

    public ResizePolicy resizePolicy() {
        return ResizePolicy.ofSlug(policy);
    }
}
