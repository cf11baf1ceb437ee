package dev.defactify.contract.image;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResizeTest {

    @Test
    void resizeShorterScalesTheShortSideAndTruncatesTheLongOne() {
        // 1000x750 -> short side 224, long side 1000 * 224 / 750 = 298.67 -> 298, crop x (298-224)/2 = 37
        assertEquals(new ResizePlan(1000, 750, 298, 224, 37, 0, 224),
                ResizePolicy.RESIZE_SHORTER_THEN_CENTER_CROP.plan(1000, 750, 224));
        assertEquals(new ResizePlan(100, 300, 224, 672, 0, 224, 224),
                ResizePolicy.RESIZE_SHORTER_THEN_CENTER_CROP.plan(100, 300, 224));
    }

    @Test
    void centerCropOnlyScalesImagesSmallerThanTheSquare() {
        assertEquals(new ResizePlan(1000, 750, 1000, 750, 388, 263, 224),
                ResizePolicy.CENTER_CROP.plan(1000, 750, 224));
        // 300x200: height below 224, so scale the short side to 224: 300 * 224 / 200 = 336
        assertEquals(new ResizePlan(300, 200, 336, 224, 56, 0, 224), ResizePolicy.CENTER_CROP.plan(300, 200, 224));
    }

    @Test
    void planHandlesDimensionsBeyondInt() {
        ResizePlan plan = ResizePolicy.RESIZE_SHORTER_THEN_CENTER_CROP.plan(40_000_000, 1, 224);
        assertEquals(8_960_000_000L, plan.resizedWidth());
    }

    @Test
    void policiesAreLookedUpBySlug() {
        assertEquals(ResizePolicy.CENTER_CROP, ResizePolicy.ofSlug("center-crop"));
        assertEquals(ResizePolicy.RESIZE_SHORTER_THEN_CENTER_CROP, ResizePolicy.ofSlug("resize-shorter-then-center-crop"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResizePolicy.ofSlug("stretch"));
        assertTrue(e.getMessage().contains("'stretch'") && e.getMessage().contains("center-crop")
                && e.getMessage().contains("resize-shorter-then-center-crop"), e.getMessage());
    }

    /** Shrinking 4 -> 2: weights 3/7, 3/7, 1/7 (see GoldenTensorTest for the derivation). */
    @Test
    void shrinkingWeightsWidenAndRenormaliseAtTheBorder() {
        AxisWeights weights = AxisWeights.triangle(4, 2, 0, 2);
        assertEquals(0, weights.first(0));
        assertEquals(3, weights.taps(0));
        assertEquals(3f / 7, weights.weight(0, 0), 1e-7);
        assertEquals(3f / 7, weights.weight(0, 1), 1e-7);
        assertEquals(1f / 7, weights.weight(0, 2), 1e-7);
        assertEquals(1, weights.first(1));
        assertEquals(1f / 7, weights.weight(1, 0), 1e-7);
    }

    /** Interior of a 4x shrink: support 4, weights tri((k + 0.5 - 4) / 4) = 1/8, 3/8, 5/8, 7/8, 7/8, ... over 4. */
    @Test
    void interiorShrinkWeightsAreTheScaledTriangle() {
        AxisWeights weights = AxisWeights.triangle(64, 16, 0, 16);
        int output = 8; // centre 34.0, reads inputs 30..37
        assertEquals(30, weights.first(output));
        assertEquals(8, weights.taps(output));
        float[] expected = {1 / 32f, 3 / 32f, 5 / 32f, 7 / 32f, 7 / 32f, 5 / 32f, 3 / 32f, 1 / 32f};
        for (int k = 0; k < 8; k++) {
            assertEquals(expected[k], weights.weight(output, k), 1e-7, "tap " + k);
        }
    }

    @Test
    void enlargingIsPlainLinearInterpolation() {
        AxisWeights weights = AxisWeights.triangle(2, 3, 0, 3);
        assertEquals(1, weights.taps(0));
        assertEquals(1f, weights.weight(0, 0));
        assertEquals(2, weights.taps(1));
        assertEquals(0.5f, weights.weight(1, 0));
        assertEquals(0.5f, weights.weight(1, 1));
        assertEquals(1, weights.first(2));
        assertEquals(1f, weights.weight(2, weights.taps(2) - 1));
    }

    @Test
    void onlyTheCroppedWindowIsComputed() {
        AxisWeights window = AxisWeights.triangle(1000, 500, 200, 3);
        AxisWeights whole = AxisWeights.triangle(1000, 500, 0, 500);
        assertEquals(3, window.count());
        for (int i = 0; i < 3; i++) {
            assertEquals(whole.first(200 + i), window.first(i));
            assertEquals(whole.weight(200 + i, 1), window.weight(i, 1));
        }
    }
}
