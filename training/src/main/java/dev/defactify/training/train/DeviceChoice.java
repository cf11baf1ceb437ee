package dev.defactify.training.train;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Picks the training device. If CUDA cannot load, PyTorch quietly reports zero GPUs and DJL would train on the CPU
 * for days; asking for a GPU therefore fails loudly instead.
 */
public final class DeviceChoice {
    private DeviceChoice() {
    }

    public static Device resolve(String requested) {
        if ("cpu".equals(requested)) {
            return Device.cpu();
        }
        int gpus = Engine.getInstance().getGpuCount();
        if (gpus < 1) {
            throw new IllegalStateException("a GPU was asked for (--device gpu) but the " + Engine.getInstance()
                    .getEngineName() + " engine sees none: the CUDA build of the PyTorch native library is not on the "
                    + "class path or cannot load (see README, 'Training on a GPU'); refusing to fall back to the CPU");
        }
        return Device.gpu(0);
    }
}
