package dev.defactify.function.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FeatureMapTest {

    @Test
    void ofBatchSlicesOneImageOutOfNchw() {
        float[] batch = new float[2 * 2 * 1 * 3];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = i;
        }

        FeatureMap second = FeatureMap.ofBatch(batch, new long[] {2, 2, 1, 3}, 1);

        assertEquals(2, second.channels());
        assertEquals(1, second.rows());
        assertEquals(3, second.cols());
        assertArrayEquals(new float[] {6, 7, 8, 9, 10, 11}, second.values());
        assertEquals(10f, second.at(1, 0, 1));
    }

    @Test
    void rejectsShapesThatDoNotFit() {
        assertThrows(IllegalArgumentException.class, () -> FeatureMap.ofBatch(new float[6], new long[] {1, 6}, 0));
        assertThrows(IllegalArgumentException.class, () -> FeatureMap.ofBatch(new float[5], new long[] {1, 2, 1, 3}, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> FeatureMap.ofBatch(new float[6], new long[] {1, 2, 1, 3}, 1));
        assertThrows(IllegalArgumentException.class, () -> new FeatureMap(2, 2, 2, new float[7]));
    }
}
