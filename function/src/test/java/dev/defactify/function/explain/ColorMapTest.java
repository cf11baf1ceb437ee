package dev.defactify.function.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColorMapTest {

    static double luminance(int rgb) {
        return 0.2126 * (rgb >> 16 & 0xFF) + 0.7152 * (rgb >> 8 & 0xFF) + 0.0722 * (rgb & 0xFF);
    }

    @Test
    void runsFromNearBlackToPaleYellowAndClamps() {
        assertEquals(0x000004, ColorMap.rgb(0));
        assertEquals(0xFCFFA4, ColorMap.rgb(1));
        assertEquals(ColorMap.rgb(0), ColorMap.rgb(-3));
        assertEquals(ColorMap.rgb(0), ColorMap.rgb(Double.NaN));
        assertEquals(ColorMap.rgb(1), ColorMap.rgb(7));
    }

    @Test
    void lightnessNeverDecreases() {
        double previous = -1;
        for (int i = 0; i <= 200; i++) {
            double current = luminance(ColorMap.rgb(i / 200.0));
            assertTrue(current >= previous - 1, "luminance dropped at t=" + i / 200.0);
            previous = current;
        }
    }
}
