package dev.defactify.function.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BinaryHeadTest {

    @Test
    void readsTheExportersBinaryHeadInitializers() {
        BinaryHead head = BinaryHead.fromModel(TestModels.withBinaryHead(new float[] {0.25f, -2f, 1.5f, 0f}, -0.3f));

        assertArrayEquals(new float[] {0.25f, -2f, 1.5f, 0f}, head.weights());
        assertEquals(-0.3f, head.bias());
        assertEquals(4, head.channels());
    }

    @Test
    void rejectsAWeightThatIsNotOneRowPerOutput() {
        byte[] model = TestModels.model(
                TestModels.rawTensor(BinaryHead.WEIGHT, new long[] {2, 2}, 1, 2, 3, 4),
                TestModels.rawTensor(BinaryHead.BIAS, new long[] {1}, 0));

        OnnxFormatException error = assertThrows(OnnxFormatException.class, () -> BinaryHead.fromModel(model));

        assertTrue(error.getMessage().contains("[1, C]"), error.getMessage());
    }

    @Test
    void rejectsFeaturesWithTheWrongChannelCount() {
        BinaryHead head = new BinaryHead(new float[] {1, 2, 3}, 0);

        assertThrows(IllegalArgumentException.class, () -> head.cellLogits(Features.random(1, 4, 2, 2)));
    }

    @Test
    void cellLogitsAreTheWeightedChannelSumPlusBias() {
        BinaryHead head = new BinaryHead(new float[] {2, -1}, 0.5f);
        // Channel 0 = [1, 2; 3, 4], channel 1 = [4, 3; 2, 1].
        FeatureMap features = new FeatureMap(2, 2, 2, new float[] {1, 2, 3, 4, 4, 3, 2, 1});

        assertArrayEquals(new double[] {-1.5, 1.5, 4.5, 7.5}, head.cellLogits(features), 1e-12);
    }
}
