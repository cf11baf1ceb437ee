package dev.defactify.training.train;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Picks the training device. If CUDA cannot load, PyTorch quietly reports zero GPUs and DJL would train on the CPU
 * for days; asking for a GPU therefore fails loudly instead.
 *
 * <p>One device only. DJL's Trainer accepts several ({@code optDevices}), but only its {@code EasyTrain} path splits
 * a batch across them; our loop drives {@code trainer.forward} on one input and keeps its own optimizer state per
 * parameter, so data-parallel training would need that loop rewritten and could not be tried here (no machine that
 * runs DJL on a GPU). Mixed precision is not offered either: DJL's PyTorch engine exposes no autocast/AMP, and
 * casting the network to fp16 by hand without loss scaling would not be the same training.
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
