package dev.defactify.training.data.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValueNoiseTest {

    @Test
    void staysInRangeIsSmoothAndDependsOnTheSeed() {
        ValueNoise noise = new ValueNoise(5);
        double min = 1;
        double max = -1;
        for (int i = 0; i < 10_000; i++) {
            double x = i * 0.137;
            double y = i * 0.071;
            double v = noise.fractal(x, y, 4);
            min = Math.min(min, v);
            max = Math.max(max, v);
            assertTrue(Math.abs(noise.at(x, y) - noise.at(x + 1e-4, y)) < 1e-2, "continuous");
        }
        assertTrue(min >= -1 && max <= 1 && max - min > 0.8, min + ".." + max);
        assertEquals(noise.at(3.3, 4.4), new ValueNoise(5).at(3.3, 4.4));
        assertNotEquals(noise.at(3.3, 4.4), new ValueNoise(6).at(3.3, 4.4));
    }
}
