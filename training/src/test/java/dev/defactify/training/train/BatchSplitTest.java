package dev.defactify.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.defactify.contract.label.SourceLabel;
import dev.defactify.training.data.FileLocation;
import dev.defactify.training.data.LabelledImage;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How a global batch is shared among devices: contiguous, balanced, weighted by share, never empty. */
class BatchSplitTest {
    private static final List<Device> FOUR_GPUS = List.of(Device.gpu(0), Device.gpu(1), Device.gpu(2), Device.gpu(3));

    @Test
    void slicesAreContiguousBalancedAndWeightedByTheirShareOfTheBatch() {
        List<BatchSplit.Slice> slices = BatchSplit.of(10, FOUR_GPUS);
        assertEquals(List.of(3, 3, 2, 2), slices.stream().map(BatchSplit.Slice::size).toList());
        assertEquals(FOUR_GPUS, slices.stream().map(BatchSplit.Slice::device).toList());
        int next = 0;
        double weights = 0;
        for (BatchSplit.Slice slice : slices) {
            assertEquals(next, slice.from(), "slices must tile the batch in order");
            assertEquals((float) slice.size() / 10, slice.weight(), 0f);
            next = slice.to();
            weights += slice.weight();
        }
        assertEquals(10, next);
        assertEquals(1.0, weights, 1e-6, "slice weights must add up to one full-batch mean");
    }

    @Test
    void oneDeviceTakesTheWholeBatchAtWeightOne() {
        assertEquals(List.of(new BatchSplit.Slice(Device.cpu(), 0, 7, 1f)), BatchSplit.of(7, List.of(Device.cpu())));
    }

    @Test
    void aLastBatchSmallerThanTheDeviceCountLeavesTheSpareDevicesOut() {
        List<BatchSplit.Slice> slices = BatchSplit.of(2, FOUR_GPUS);
        assertEquals(List.of(new BatchSplit.Slice(Device.gpu(0), 0, 1, 0.5f),
                new BatchSplit.Slice(Device.gpu(1), 1, 2, 0.5f)), slices);
    }

    @Test
    void aConfiguredBatchSmallerThanTheDeviceCountIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> BatchSplit.requireCovers(3, FOUR_GPUS));
        assertTrue(refused.getMessage().contains("batch size 3 is smaller than the 4 training devices (gpu(0), "
                + "gpu(1), gpu(2), gpu(3))"), refused.getMessage());
        assertDoesNotThrow(() -> BatchSplit.requireCovers(4, FOUR_GPUS));
        assertDoesNotThrow(() -> BatchSplit.requireCovers(1, List.of(Device.cpu())));
    }

    @Test
    void aSliceOfAPreparedBatchHoldsExactlyItsImagesPixelsAndLabels() {
        int side = 2;
        int n = 5;
        List<LabelledImage> images = IntStream.range(0, n).mapToObj(i -> new LabelledImage("img" + i, "g" + i,
                SourceLabel.inHeadOrder().get(i % SourceLabel.count()), new FileLocation(Path.of("img" + i))))
                .toList();
        float[] pixels = new float[n * 3 * side * side];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i;
        }
        PreparedBatch batch = new PreparedBatch(images, pixels, new float[] {0, 1, 1, 0, 1}, new int[] {0, 1, 2, 3, 4},
                side);
        PreparedBatch middle = batch.slice(1, 3);
        assertEquals(images.subList(1, 3), middle.images());
        assertArrayEquals(java.util.Arrays.copyOfRange(pixels, 12, 36), middle.pixels());
        assertArrayEquals(new float[] {1, 1}, middle.taskA());
        assertArrayEquals(new int[] {1, 2}, middle.source());
        assertThrows(IndexOutOfBoundsException.class, () -> batch.slice(3, 3));
    }
}
