package dev.defactify.training.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class QuantisationArithmeticTest {

    @Test
    void foldingABatchNormScalesTheWeightsAndShiftsTheBias() {
        // gamma 3 over sqrt(var 3 + eps 1) = 1.5; bias = beta 1 - mean 2 * 1.5
        FoldedConv folded = FoldedConv.fold("c", 1, 2, 1, 1, 0, new float[] {2f, -4f}, new float[] {3f},
                new float[] {1f}, new float[] {2f}, new float[] {3f}, 1f);
        assertArrayEquals(new float[] {3f, -6f}, folded.weight());
        assertArrayEquals(new float[] {-2f}, folded.bias());
    }

    @Test
    void aReluRangeGetsZeroPointZeroAndEveryRangeHoldsZero() {
        ActivationRange.QuantParams relu = new ActivationRange(0f, 5.1f).uint8();
        assertEquals(0.02f, relu.scale(), 1e-7);
        assertEquals(0, relu.zeroPoint());
        ActivationRange.QuantParams signed = new ActivationRange(-1f, 3f).uint8();
        assertEquals(4f / 255, signed.scale(), 1e-7);
        assertEquals(64, signed.zeroPoint()); // 1 / (4/255) = 63.75
        ActivationRange.QuantParams positive = new ActivationRange(2f, 3f).uint8();
        assertEquals(0, positive.zeroPoint());
        assertEquals(3f / 255, positive.scale(), 1e-7);
    }

    @Test
    void aRangeMustBeFiniteAndOrdered() {
        assertThrows(IllegalArgumentException.class, () -> new ActivationRange(2f, 1f));
        assertThrows(IllegalArgumentException.class, () -> new ActivationRange(0f, Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> new ActivationRange(Float.NEGATIVE_INFINITY, 0f));
    }

    @Test
    void minMaxKeepsTheOutlierAndAPercentileClipsIt() {
        float[] values = new float[100_001];
        for (int i = 0; i < 100_000; i++) {
            values[i] = i / 1000f; // 0 .. 99.999, evenly
        }
        values[100_000] = 10_000f; // one outlier
        ValueStatistics stats = new ValueStatistics();
        stats.span(FloatBuffer.wrap(values));
        stats.histogram(FloatBuffer.wrap(values));
        assertEquals(new ActivationRange(0f, 10_000f), stats.range(new CalibrationMethod.MinMax()));
        ActivationRange clipped = stats.range(new CalibrationMethod.Percentile(99.9));
        // The 99.9th percentile of 0..100 is 99.9; one histogram bin is 10000/8192 wide.
        assertEquals(99.9, clipped.max(), 10_000.0 / ValueStatistics.BINS + 1e-3);
        assertEquals(0.0, clipped.min(), 1e-6);
    }

    @Test
    void percentilesNeedTheSecondPass() {
        ValueStatistics stats = new ValueStatistics();
        stats.span(FloatBuffer.wrap(new float[] {1, 2}));
        assertThrows(IllegalStateException.class, () -> stats.range(new CalibrationMethod.Percentile(99)));
    }

    @Test
    void calibrationMethodsAreNamedBySlug() {
        assertInstanceOf(CalibrationMethod.MinMax.class, CalibrationMethod.ofSlug(" MinMax "));
        assertEquals(new CalibrationMethod.Percentile(99.999), CalibrationMethod.ofSlug("percentile"));
        assertEquals(new CalibrationMethod.Percentile(99.9), CalibrationMethod.ofSlug("percentile-99.9"));
        assertEquals("percentile-99.999", CalibrationMethod.ofSlug("percentile").slug());
        assertEquals("percentile-100", new CalibrationMethod.Percentile(100).slug());
        assertThrows(IllegalArgumentException.class, () -> CalibrationMethod.ofSlug("entropy"));
        assertThrows(IllegalArgumentException.class, () -> CalibrationMethod.ofSlug("percentile-abc"));
        assertThrows(IllegalArgumentException.class, () -> CalibrationMethod.ofSlug("percentile-20"));
    }
}
