package dev.defactify.training.weights;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The tensor names and shapes of a torchvision (and timm, which uses the same names) ResNet-50 state
 * dict without {@code num_batches_tracked}: 267 tensors, 25,610,152 floats including batch-norm statistics.
 */
final class ResNet50Layout {

    record Slot(String name, long[] shape) {
    }

    private ResNet50Layout() {
    }

    static List<Slot> slots() {
        List<Slot> slots = new ArrayList<>();
        slots.add(new Slot("conv1.weight", new long[] {64, 3, 7, 7}));
        batchNorm(slots, "bn1", 64);
        int[] planesPerStage = {64, 128, 256, 512};
        int[] blocksPerStage = {3, 4, 6, 3};
        int inputChannels = 64;
        for (int stage = 0; stage < planesPerStage.length; stage++) {
            int planes = planesPerStage[stage];
            for (int block = 0; block < blocksPerStage[stage]; block++) {
                String prefix = "layer" + (stage + 1) + "." + block + ".";
                slots.add(new Slot(prefix + "conv1.weight", new long[] {planes, inputChannels, 1, 1}));
                batchNorm(slots, prefix + "bn1", planes);
                slots.add(new Slot(prefix + "conv2.weight", new long[] {planes, planes, 3, 3}));
                batchNorm(slots, prefix + "bn2", planes);
                slots.add(new Slot(prefix + "conv3.weight", new long[] {planes * 4L, planes, 1, 1}));
                batchNorm(slots, prefix + "bn3", planes * 4);
                if (block == 0) {
                    slots.add(new Slot(prefix + "downsample.0.weight", new long[] {planes * 4L, inputChannels, 1, 1}));
                    batchNorm(slots, prefix + "downsample.1", planes * 4);
                }
                inputChannels = planes * 4;
            }
        }
        slots.add(new Slot("fc.weight", new long[] {1000, 2048}));
        slots.add(new Slot("fc.bias", new long[] {1000}));
        return slots;
    }

    static List<NamedTensor> randomTensors(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<NamedTensor> tensors = new ArrayList<>();
        for (Slot slot : slots()) {
            float[] values = new float[Math.toIntExact(NamedTensor.elementCount(slot.shape()))];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian();
            }
            tensors.add(new NamedTensor(slot.name(), slot.shape(), values));
        }
        return tensors;
    }

    private static void batchNorm(List<Slot> slots, String prefix, int channels) {
        for (String part : List.of("weight", "bias", "running_mean", "running_var")) {
            slots.add(new Slot(prefix + "." + part, new long[] {channels}));
        }
    }
}
