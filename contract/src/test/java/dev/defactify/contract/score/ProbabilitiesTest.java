package dev.defactify.contract.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProbabilitiesTest {

    @Test
    void sigmoidIsSymmetricAndStableAtExtremes() {
        assertEquals(0.5, Probabilities.sigmoid(0), 0);
        assertEquals(1 / (1 + Math.exp(-2.0)), Probabilities.sigmoid(2), 1e-15);
        assertEquals(1 - Probabilities.sigmoid(3), Probabilities.sigmoid(-3), 1e-15);
        assertEquals(1.0, Probabilities.sigmoid(1000), 0);
        assertEquals(0.0, Probabilities.sigmoid(-1000), 1e-300);
    }

    @Test
    void softmaxSumsToOneAndIgnoresAShift() {
        double[] p = Probabilities.softmax(new float[] {1, 2, 3});
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new double[] {Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z}, p, 1e-12);
        assertArrayEquals(p, Probabilities.softmax(new float[] {1001, 1002, 1003}), 1e-12);
    }

    @Test
    void softmaxReadsTheRequestedRow() {
        float[] rows = {9, 1, 1, 1};
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, Probabilities.softmax(rows, 1, 3), 1e-12);
        assertEquals(1.0, Probabilities.softmax(rows, 0, 1)[0], 0);
    }
}
