package dev.defactify.training.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.label.SourceLabel;
import dev.defactify.training.evaluation.Reliability;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Temperature scaling on synthetic logits whose true temperature is known: labels are drawn from
 * {@code sigmoid(z / T0)} (or {@code softmax(z / T0)}), so the raw logits are miscalibrated by exactly T0.
 */
class TemperatureFitTest {

    @Test
    void recoversTheBinaryTemperatureThatGeneratedTheLabels() {
        for (double t0 : new double[] {0.5, 2.5}) {
            Random random = new Random(11);
            int n = 40_000;
            double[] logits = new double[n];
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                logits[i] = 3 * random.nextGaussian();
                positive[i] = random.nextDouble() < 1 / (1 + Math.exp(-logits[i] / t0));
            }
            double fitted = TemperatureFit.binary(logits, positive);
            assertEquals(t0, fitted, 0.04 * t0, "T0 = " + t0);
            assertTrue(NegativeLogLikelihood.binary(logits, positive, fitted)
                    < NegativeLogLikelihood.binary(logits, positive, 1.0));
            assertTrue(ece(logits, positive, fitted) < ece(logits, positive, 1.0) / 3,
                    "ECE after " + ece(logits, positive, fitted) + " before " + ece(logits, positive, 1.0));
            assertEquals(fitted, TemperatureFit.binary(logits, positive), 0.0, "the fit is deterministic");
        }
    }

    @Test
    void recoversTheSourceTemperatureThatGeneratedTheLabels() {
        double t0 = 1.8;
        Random random = new Random(5);
        int n = 20_000;
        int classes = SourceLabel.count();
        double[][] logits = new double[n][classes];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            double[] p = new double[classes];
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                logits[i][c] = 3 * random.nextGaussian();
                p[c] = Math.exp(logits[i][c] / t0);
                sum += p[c];
            }
            double u = random.nextDouble() * sum;
            int drawn = 0;
            while (drawn < classes - 1 && (u -= p[drawn]) > 0) {
                drawn++;
            }
            truth[i] = drawn;
        }
        double fitted = TemperatureFit.categorical(logits, truth);
        assertEquals(t0, fitted, 0.04 * t0);
        assertTrue(NegativeLogLikelihood.categorical(logits, truth, fitted)
                < NegativeLogLikelihood.categorical(logits, truth, 1.0));
        LogitSet set = logitSet(logits, truth);
        double before = Reliability.ofTopSource(set.predictions(1, 1)).expectedCalibrationError();
        double after = Reliability.ofTopSource(set.predictions(1, fitted)).expectedCalibrationError();
        assertTrue(after < before / 3, "top-label ECE after " + after + " before " + before);
    }

    @Test
    void separableDataStopsAtTheSmallestTemperatureInsteadOfRunningToZero() {
        double[] logits = {-2, -1, 1, 2};
        boolean[] positive = {false, false, true, true};
        assertEquals(TemperatureFit.MIN_TEMPERATURE, TemperatureFit.binary(logits, positive));
    }

    @Test
    void anUninformativeHeadIsCooledToTheLargestTemperature() {
        // Confident logits whose sign is right half the time: the best forecast is 0.5, i.e. T as large as allowed.
        double[] logits = {-4, 4, -4, 4};
        boolean[] positive = {true, false, false, true};
        assertEquals(TemperatureFit.MAX_TEMPERATURE, TemperatureFit.binary(logits, positive));
    }

    @Test
    void nllMatchesTheHandComputedValues() {
        // -log sigmoid(2 / 2) and -log(1 - sigmoid(2 / 2)), averaged
        double expected = (Math.log1p(Math.exp(-1)) + Math.log1p(Math.exp(1))) / 2;
        assertEquals(expected, NegativeLogLikelihood.binary(new double[] {2, 2}, new boolean[] {true, false}, 2),
                1e-12);
        // softmax of (0, ln 3) / 1: P(class 1) = 3/4
        assertEquals(-Math.log(0.75), NegativeLogLikelihood.categorical(new double[][] {{0, Math.log(3)}},
                new int[] {1}, 1), 1e-12);
    }

    private static double ece(double[] logits, boolean[] positive, double temperature) {
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = 1 / (1 + Math.exp(-logits[i] / temperature));
        }
        return Reliability.of(p, positive).expectedCalibrationError();
    }

    private static LogitSet logitSet(double[][] logits, int[] truth) {
        List<String> ids = new ArrayList<>();
        List<SourceLabel> labels = new ArrayList<>();
        for (int i = 0; i < truth.length; i++) {
            ids.add("img-" + i);
            labels.add(SourceLabel.ofIndex(truth[i]));
        }
        return new LogitSet(ids, labels, new double[truth.length], logits);
    }
}
