package dev.defactify.training.train;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.List;

/**
 * How one global batch is shared among the training devices, as DJL's {@code Batch.split} and PyTorch's
 * {@code DataParallel} scatter do it: contiguous slices along dim 0, one per device in device order.
 *
 * <p>Slice sizes differ by at most one image (the first {@code size % devices} slices take the extra one), so no
 * device idles while another works through a double share. When the batch is smaller than the device count (only
 * the last, partial batch of an epoch can be), the devices left without an image get no slice at all: they run no
 * forward pass, their gradient stays zero, and DJL's parameter server still gives them the aggregated update.
 */
public final class BatchSplit {

    /**
     * Images {@code [from, to)} of the batch, run on {@code device}.
     *
     * @param weight {@code size / batchSize}: the slice's mean loss is scaled by it, so the gradients the devices
     *               add up are the gradient of the whole batch's mean loss
     */
    public record Slice(Device device, int from, int to, float weight) {
        public int size() {
            return to - from;
        }
    }

    private BatchSplit() {
    }

    /** The slices of a batch of {@code batchSize} images over {@code devices}; empty slices are left out. */
    public static List<Slice> of(int batchSize, List<Device> devices) {
        if (batchSize < 1 || devices.isEmpty()) {
            throw new IllegalArgumentException("cannot split a batch of " + batchSize + " over " + devices.size()
                    + " devices");
        }
        int base = batchSize / devices.size();
        int extra = batchSize % devices.size();
        List<Slice> slices = new ArrayList<>(devices.size());
        int from = 0;
        for (int i = 0; i < devices.size(); i++) {
            int size = base + (i < extra ? 1 : 0);
            if (size == 0) {
                continue;
            }
            slices.add(new Slice(devices.get(i), from, from + size, (float) size / batchSize));
            from += size;
        }
        return List.copyOf(slices);
    }

    /**
     * Refuses a configured batch size that would leave a device without images in every step: the run would pay
     * for a device that never computes, and batch norm would see a different batch than the user asked for.
     */
    public static void requireCovers(int batchSize, List<Device> devices) {
        if (batchSize < devices.size()) {
            throw new IllegalArgumentException("batch size " + batchSize + " is smaller than the " + devices.size()
                    + " training devices (" + describe(devices) + "): the batch size is the global batch, split "
                    + "across devices, so each needs at least one image; raise --batch-size or lower --gpus");
        }
    }

    /** {@code gpu(0), gpu(1)}: how logs and run.json name the devices. */
    public static String describe(List<Device> devices) {
        return String.join(", ", devices.stream().map(Device::toString).toList());
    }
}
