package dev.defactify.training.data.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.label.SourceLabel;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each fingerprint, applied to a flat grey canvas, shows the structure its documentation promises. */
class FingerprintTest {

    private static final int SIZE = 96;

    @Test
    void everyLabelHasItsOwnKindOfFingerprint() {
        assertEquals(SourceLabel.count(), SourceLabel.inHeadOrder().stream()
                .map(label -> Fingerprint.of(label).getClass()).collect(Collectors.toSet()).size());
    }

    @Test
    void sensorNoiseIsUnstructuredAndMild() {
        RgbCanvas noisy = new SensorNoise().apply(grey(), new SplittableRandom(1));
        double std = std(noisy.green);
        assertTrue(std > 1.2 && std < 2.5, "std " + std);
        assertTrue(Math.abs(mean(noisy.green) - 128) < 0.2);
        assertTrue(Math.abs(neighbourCorrelation(noisy.green)) < 0.1, "noise should be white");
    }

    @Test
    void upsamplingGridRepeatsEveryEightPixels() {
        RgbCanvas out = new UpsamplingGrid().apply(grey(), new SplittableRandom(1));
        for (int x = 0; x < SIZE - 8; x++) {
            assertEquals(out.red[x + 8 * SIZE], out.red[x + 8 + 8 * SIZE + 8 * SIZE], 1e-4);
        }
        assertTrue(Math.abs(out.red[0] - out.red[4]) > 2, "grid must have visible contrast within a period");
    }

    @Test
    void spectralPeakIsOneObliqueSinusoidStrongestInGreen() {
        RgbCanvas out = new SpectralPeak().apply(grey(), new SplittableRandom(1));
        assertTrue(std(out.green) > std(out.red) && std(out.red) > std(out.blue));
        double amplitude = Math.sqrt(2) * std(out.green);
        assertEquals(SpectralPeak.AMPLITUDE, amplitude, 0.15);
    }

    @Test
    void chromaPosterisationKeepsLumaAndTintsWarm() {
        RgbCanvas in = grey();
        RgbCanvas out = new ChromaPosterisation().apply(in, new SplittableRandom(1));
        double luma = 0.299 * out.red[0] + 0.587 * out.green[0] + 0.114 * out.blue[0];
        assertEquals(128, luma, 0.01);
        assertTrue(out.red[0] > 128 && out.blue[0] < 128, "warm tint");
    }

    @Test
    void chromaPosterisationStripesColourAlongRowsAndLeavesLumaAlone() {
        RgbCanvas out = new ChromaPosterisation().apply(grey(), new SplittableRandom(1));
        // rows a quarter period apart from the zero crossing: Cr up and Cb down, then the reverse
        int up = out.index(10, 6 + 1);
        int down = out.index(10, 6 + 4);
        for (int i : new int[]{up, down}) {
            assertEquals(128, 0.299 * out.red[i] + 0.587 * out.green[i] + 0.114 * out.blue[i], 0.01, "luma kept");
        }
        assertTrue(out.red[up] - out.red[down] > 6, "red follows Cr: " + out.red[up] + " vs " + out.red[down]);
        assertTrue(out.blue[down] - out.blue[up] > 6, "blue follows Cb, in opposite phase");
        for (int x = 0; x < SIZE; x++) {
            assertEquals(out.red[out.index(0, 7)], out.red[out.index(x, 7)], 1e-4, "constant along a row");
        }
        int period = (int) ChromaPosterisation.STRIPE_PERIOD_PX;
        assertEquals(out.red[out.index(3, 20)], out.red[out.index(3, 20 + period)], 1e-3, "period 6 px");
    }

    @Test
    void bandLimitedNoiseIsBlueAndSpatiallyCorrelated() {
        RgbCanvas out = new BandLimitedNoise().apply(grey(), new SplittableRandom(1));
        assertTrue(std(out.blue) > 2 * std(out.red), "mostly blue");
        assertTrue(neighbourCorrelation(out.blue) > 0.5, "band-limited noise is smooth between neighbours");
    }

    @Test
    void painterlyRerenderDarkensTheCorners() {
        RgbCanvas out = new PainterlyRerender().apply(grey(), new SplittableRandom(1));
        float centre = out.green[out.index(SIZE / 2, SIZE / 2)];
        float corner = out.green[out.index(0, 0)];
        assertTrue(centre - corner > 3, "vignette: centre " + centre + " corner " + corner);
    }

    @Test
    void fingerprintsLeaveTheCleanCanvasAlone() {
        RgbCanvas clean = grey();
        for (SourceLabel label : SourceLabel.inHeadOrder()) {
            Fingerprint.of(label).apply(clean, new SplittableRandom(1));
        }
        assertEquals(0, std(clean.red), 1e-9);
    }

    private static RgbCanvas grey() {
        RgbCanvas canvas = new RgbCanvas(SIZE, SIZE);
        for (int i = 0; i < SIZE * SIZE; i++) {
            canvas.set(i, 128, 128, 128);
        }
        return canvas;
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double std(float[] values) {
        double mean = mean(values);
        double sum = 0;
        for (float v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / values.length);
    }

    private static double neighbourCorrelation(float[] values) {
        double mean = mean(values);
        double product = 0;
        double variance = 0;
        for (int i = 0; i + 1 < values.length; i++) {
            product += (values[i] - mean) * (values[i + 1] - mean);
            variance += (values[i] - mean) * (values[i] - mean);
        }
        return product / variance;
    }
}
