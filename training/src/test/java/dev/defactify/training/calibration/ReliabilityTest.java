package dev.defactify.training.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.defactify.contract.label.SourceLabel;
import dev.defactify.training.evaluation.Prediction;
import dev.defactify.training.evaluation.Reliability;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected calibration error on examples small enough to compute by hand. */
class ReliabilityTest {

    @Test
    void binaryEceWeighsEachBinsGapByItsShare() {
        // Bins of width 1/15: 0.05 → bin 0, 0.1 → bin 1, 0.9 → bin 13, 0.95 → bin 14.
        // bin 0: p 0.05, y 0 → gap 0.05; bin 1: p 0.10, y 1 → gap 0.9; bin 13: p 0.9, y 1 → gap 0.1;
        // bin 14: p 0.95 and 1.0 (1.0 joins the last bin), y 1 and 0 → mean p 0.975, mean y 0.5 → gap 0.475.
        double[] p = {0.05, 0.10, 0.90, 0.95, 1.0};
        boolean[] y = {false, true, true, true, false};
        Reliability r = Reliability.of(p, y);
        double expected = (0.05 + 0.9 + 0.1 + 2 * 0.475) / 5;
        assertEquals(expected, r.expectedCalibrationError(), 1e-12);
        assertEquals(4, r.bins().size());
        assertEquals(2, r.bins().get(3).count());
        assertEquals(14.0 / 15, r.bins().get(3).lower(), 1e-12);
    }

    @Test
    void perfectlyCalibratedForecastsHaveZeroError() {
        // four forecasts of 0.5 in one bin, two of which happened
        Reliability r = Reliability.of(new double[] {0.5, 0.5, 0.5, 0.5}, new boolean[] {true, false, true, false});
        assertEquals(0.0, r.expectedCalibrationError(), 1e-12);
        assertEquals(0.0, Reliability.of(new double[0], new boolean[0]).expectedCalibrationError());
    }

    @Test
    void taskAUsesThePositiveClassProbabilityAndTaskBTheTopLabel() {
        double[] uniform = new double[SourceLabel.count()];
        java.util.Arrays.fill(uniform, 0.04);
        uniform[SourceLabel.REAL.index()] = 0.8;
        // A real photo given P(AI) = 0.2 and its source right with 0.8; a generated one given P(AI) 0.2 and its
        // source wrong with 0.8.
        Prediction right = new Prediction("a", SourceLabel.REAL, 0.2, uniform);
        Prediction wrong = new Prediction("b", SourceLabel.ofIndex(1), 0.2, uniform);
        // Task A: both in bin 3 (0.2 * 15 = 3), mean p 0.2, one of two generated → |0.5 - 0.2| = 0.3
        assertEquals(0.3, Reliability.ofAiProbability(List.of(right, wrong)).expectedCalibrationError(), 1e-12);
        // Task B: both at confidence 0.8, one of two right → |0.5 - 0.8| = 0.3; alone, the right one → 0.2
        assertEquals(0.3, Reliability.ofTopSource(List.of(right, wrong)).expectedCalibrationError(), 1e-12);
        assertEquals(0.2, Reliability.ofTopSource(List.of(right)).expectedCalibrationError(), 1e-12);
    }
}
