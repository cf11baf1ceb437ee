package dev.defactify.training.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Picks the training devices. If CUDA cannot load, PyTorch quietly reports zero GPUs and DJL would train on the CPU
 * for days; asking for a GPU therefore fails loudly instead.
 *
 * <p>{@code --device gpu} trains data-parallel on every GPU the engine sees, or on the first {@code --gpus N} of
 * them: DJL's Trainer mirrors each parameter on every device, {@link DataParallelStep} runs one slice of each batch
 * per device, and DJL's parameter server sums the gradients and updates every mirror. The CPU is always one device:
 * DJL has a single CPU device ({@code Device.of("cpu", n)} is {@code Device.cpu()} for every n, and the parameter
 * store refuses duplicates), so there is nothing to split across.
 *
 * <p>Mixed precision is not offered: DJL's PyTorch engine exposes no autocast/AMP, and casting the network to fp16
 * by hand without loss scaling would not be the same training.
 */
public final class DeviceChoice {
    private DeviceChoice() {
    }

    /**
     * @param gpus how many GPUs to use with {@code "gpu"}; 0 = all the engine sees
     */
    public static List<Device> resolve(String requested, int gpus) {
        return choose(requested, gpus, "cpu".equals(requested) ? 0 : Engine.getInstance().getGpuCount());
    }

    /** The choice itself, given how many GPUs are visible: GPUs {@code 0..n-1}, in that order. */
    static List<Device> choose(String requested, int gpus, int visibleGpus) {
        if ("cpu".equals(requested)) {
            if (gpus > 0) {
                throw new IllegalArgumentException("--gpus " + gpus + " applies to --device gpu only; the CPU is one "
                        + "device");
            }
            return List.of(Device.cpu());
        }
        if (visibleGpus < 1) {
            throw new IllegalStateException("a GPU was asked for (--device gpu) but the " + Engine.getInstance()
                    .getEngineName() + " engine sees none: the CUDA build of the PyTorch native library is not on the "
                    + "class path or cannot load (see README, 'Training on a GPU'); refusing to fall back to the CPU");
        }
        if (gpus > visibleGpus) {
            throw new IllegalStateException("--gpus " + gpus + " asked for more GPUs than the " + visibleGpus
                    + " the engine sees (CUDA_VISIBLE_DEVICES may hide some)");
        }
        int count = gpus == 0 ? visibleGpus : gpus;
        return IntStream.range(0, count).mapToObj(Device::gpu).toList();
    }
}
