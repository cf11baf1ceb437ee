package dev.defactify.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.training.ParameterStore;
import dev.defactify.contract.image.ResizePolicy;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Which devices a run trains on, and the configurations that cannot be split across them. */
class DeviceChoiceTest {

    @Test
    void theCpuIsOneDevice() {
        assertEquals(List.of(Device.cpu()), DeviceChoice.choose("cpu", 0, 8));
        assertThrows(IllegalArgumentException.class, () -> DeviceChoice.choose("cpu", 2, 0));
    }

    /**
     * Why multi-device training cannot be exercised on a CPU-only machine: DJL has exactly one CPU device, and its
     * parameter store refuses to mirror parameters twice onto one device. If DJL ever changes this, the data-parallel
     * tests can grow a real two-replica run.
     */
    @Test
    void djlHasOnlyOneCpuDeviceToMirrorParametersOnto() {
        assertEquals(Device.cpu(), Device.of("cpu", 1));
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            ParameterStore store = new ParameterStore(manager, false);
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> store.setParameterServer(null, new Device[] {Device.cpu(), Device.of("cpu", 1)}));
            assertTrue(refused.getMessage().contains("Duplicated devices"), refused.getMessage());
        }
    }

    @Test
    void gpuMeansEveryVisibleGpuUnlessACountIsGiven() {
        assertEquals(List.of(Device.gpu(0), Device.gpu(1), Device.gpu(2), Device.gpu(3)),
                DeviceChoice.choose("gpu", 0, 4));
        assertEquals(List.of(Device.gpu(0), Device.gpu(1)), DeviceChoice.choose("gpu", 2, 4));
        assertEquals(List.of(Device.gpu(0)), DeviceChoice.choose("gpu", 1, 1));
        IllegalStateException tooMany = assertThrows(IllegalStateException.class,
                () -> DeviceChoice.choose("gpu", 5, 4));
        assertTrue(tooMany.getMessage().contains("--gpus 5") && tooMany.getMessage().contains("4"),
                tooMany.getMessage());
    }

    @Test
    void askingForAGpuWhenNoneIsUsableIsRefusedRatherThanFallingBackToTheCpu() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> DeviceChoice.choose("gpu", 0, 0));
        assertTrue(refused.getMessage().contains("refusing to fall back to the CPU"), refused.getMessage());
        Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
        assertThrows(IllegalStateException.class, () -> DeviceChoice.resolve("gpu", 0));
    }

    @Test
    void theConfigRefusesGpuCountsThatCannotWork() {
        assertEquals(0, config("gpu", 16, 0).gpus(), "0 = all visible GPUs");
        assertEquals(2, config("gpu", 16, 2).gpus());
        assertProblem(() -> config("cpu", 16, 2), "gpus applies to device gpu only");
        assertProblem(() -> config("gpu", 2, 4), "batch size 2 is smaller than gpus 4");
        assertProblem(() -> config("gpu", 16, -1), "gpus must be >= 0");
        TrainingConfig two = config("gpu", 16, 2);
        assertTrue(!two.computesSameAs(config("gpu", 16, 4)),
                "batch norm normalises per GPU slice, so the GPU count is part of what a run computes");
    }

    private static TrainingConfig config(String device, int batchSize, int gpus) {
        return new TrainingConfig("data", "small", 2, batchSize, OptimizerKind.ADAMW, 1e-3, 1.0, 0.05, 0.9f, 0.5, 0.01,
                0, 1f, 1f, ClassBalance.POS_WEIGHT, 1, 64, ResizePolicy.CENTER_CROP.slug(), null, device, 1, true,
                null, 0, gpus);
    }

    private static void assertProblem(org.junit.jupiter.api.function.Executable build, String expected) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, build);
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }
}
