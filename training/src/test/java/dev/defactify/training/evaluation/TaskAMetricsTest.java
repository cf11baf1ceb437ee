package dev.defactify.training.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.defactify.contract.label.SourceLabel.DALLE3;
import static dev.defactify.contract.label.SourceLabel.MIDJOURNEY6;
import static dev.defactify.contract.label.SourceLabel.REAL;
import static dev.defactify.contract.label.SourceLabel.SD21;
import static dev.defactify.contract.label.SourceLabel.SD3;
import static dev.defactify.contract.label.SourceLabel.SDXL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskAMetricsTest {

    private static final double EPS = 1e-12;

    /**
     * Three real, five generated. At 0.5:
     * TP = sd21 0.9, sdxl 0.6, dalle3 0.7 -> 3; FN = sd3 0.3, midjourney6 0.45 -> 2;
     * FP = real 0.8 -> 1; TN = real 0.1, real 0.4 -> 2.
     */
    private static List<Prediction> eightHandWorked() {
        return new TestPredictions()
                .add(REAL, 0.1).add(REAL, 0.4).add(REAL, 0.8)
                .add(SD21, 0.9).add(SDXL, 0.6).add(SD3, 0.3).add(DALLE3, 0.7).add(MIDJOURNEY6, 0.45)
                .list();
    }

    @Test
    void handWorkedExampleAtTheDefaultThreshold() {
        TaskAMetrics metrics = TaskAMetrics.evaluate(eightHandWorked());

        assertEquals(new BinaryCounts(3, 1, 2, 2), metrics.counts());
        assertEquals(0.5, metrics.threshold());
        assertEquals(8, metrics.support());
        assertEquals(5.0 / 8, metrics.accuracy(), EPS);         // (3 + 2) / 8
        assertEquals(3.0 / 4, metrics.precision(), EPS);        // 3 / (3 + 1)
        assertEquals(3.0 / 5, metrics.recall(), EPS);           // 3 / (3 + 2)
        assertEquals(2.0 / 3, metrics.f1(), EPS);               // 2 * .75 * .6 / 1.35 = .9 / 1.35
        assertEquals(2.0 / 3, metrics.realAccuracy(), EPS);     // 2 / 3
        assertEquals(3.0 / 5, metrics.generatedAccuracy(), EPS);
        assertEquals(19.0 / 30, metrics.balancedAccuracy(), EPS); // (2/3 + 3/5) / 2
        assertTrue(metrics.notes().isEmpty());
    }

    @Test
    void handWorkedRocAucCountsWinningPairs() {
        // Reals score 0.1, 0.4, 0.8. Generated images beat: 0.9 -> 3, 0.6 -> 2, 0.3 -> 1, 0.7 -> 2, 0.45 -> 2.
        // 10 of 15 pairs.
        assertEquals(10.0 / 15, TaskAMetrics.evaluate(eightHandWorked()).rocAuc(), EPS);
    }

    @Test
    void perGeneratorDetectionIsTheShareOfEachGeneratorCalledGenerated() {
        TaskAMetrics metrics = TaskAMetrics.evaluate(eightHandWorked());

        assertEquals(List.of("sd21", "sdxl", "sd3", "dalle3", "midjourney6"), List.copyOf(metrics.perGenerator().keySet()));
        assertEquals(new GeneratorDetection("sd21", 1, 1, 1.0), metrics.perGenerator().get("sd21"));
        assertEquals(new GeneratorDetection("sd3", 1, 0, 0.0), metrics.perGenerator().get("sd3"));
        assertEquals(new GeneratorDetection("midjourney6", 1, 0, 0.0), metrics.perGenerator().get("midjourney6"));
    }

    @Test
    void aGeneratorAbsentFromTheSetHasNoDetectionRate() {
        TaskAMetrics metrics = TaskAMetrics.evaluate(new TestPredictions().add(REAL, 0.2).add(SD21, 0.7).list());
        assertEquals(new GeneratorDetection("dalle3", 0, 0, null), metrics.perGenerator().get("dalle3"));
    }

    @Test
    void bestThresholdMaximisesAccuracyAndPrefersTheOneNearestHalf() {
        // Ascending: .1R .3G .4R .45G .6G .7G .8R .9G. Cuts at 0.2 and at 0.425 both get 6 of 8 right;
        // 0.425 is nearer 0.5.
        ThresholdChoice best = TaskAMetrics.evaluate(eightHandWorked()).bestThreshold();
        assertEquals(0.425, best.threshold(), EPS);
        assertEquals(6.0 / 8, best.accuracy(), EPS);
    }

    @Test
    void bestThresholdCanCallEverythingReal() {
        ThresholdChoice best = TaskAMetrics.evaluate(
                new TestPredictions().add(REAL, 0.6).add(REAL, 0.7).add(REAL, 0.8).list()).bestThreshold();
        assertEquals(1.0, best.accuracy());
        assertEquals(0.9, best.threshold(), EPS);
    }

    @Test
    void thresholdChangesTheDecision() {
        TaskAMetrics metrics = TaskAMetrics.evaluate(eightHandWorked(), 0.425);
        assertEquals(new BinaryCounts(4, 1, 2, 1), metrics.counts());
        assertEquals(0.425, metrics.threshold());
    }

    @Test
    void withoutGeneratedImagesAucIsAbsentAndRecallIsZeroWithANote() {
        TaskAMetrics metrics = TaskAMetrics.evaluate(new TestPredictions().add(REAL, 0.2).add(REAL, 0.7).list());

        assertNull(metrics.rocAuc());
        assertNull(metrics.generatedAccuracy());
        assertEquals(0.0, metrics.recall());
        assertEquals(0.0, metrics.precision()); // the one "generated" call is wrong: 0 / 1
        assertEquals(0.0, metrics.f1());
        assertEquals(0.5, metrics.accuracy());
        assertEquals(0.5, metrics.realAccuracy());
        assertEquals(0.5, metrics.balancedAccuracy()); // only the real class is present
        assertTrue(metrics.notes().stream().anyMatch(n -> n.contains("no AI-generated images")));
    }

    @Test
    void withoutAnyGeneratedCallPrecisionIsZeroWithANote() {
        TaskAMetrics metrics = TaskAMetrics.evaluate(new TestPredictions().add(REAL, 0.2).add(SDXL, 0.3).list());

        assertEquals(0.0, metrics.precision());
        assertEquals(0.0, metrics.recall());
        assertEquals(0.0, metrics.f1());
        assertEquals(1.0, metrics.rocAuc());
        assertTrue(metrics.notes().stream().anyMatch(n -> n.contains("precision is 0")));
    }

    @Test
    void withoutRealImagesSpecificityIsAbsent() {
        TaskAMetrics metrics = TaskAMetrics.evaluate(new TestPredictions().add(SD21, 0.9).add(SD3, 0.1).list());

        assertNull(metrics.rocAuc());
        assertNull(metrics.realAccuracy());
        assertEquals(0.5, metrics.balancedAccuracy());
        assertEquals(1.0, metrics.precision());
        assertTrue(metrics.notes().stream().anyMatch(n -> n.contains("no real images")));
    }

    @Test
    void rejectsAnEmptySetAndAnImpossibleThreshold() {
        assertThrows(IllegalArgumentException.class, () -> TaskAMetrics.evaluate(List.of()));
        assertThrows(IllegalArgumentException.class, () -> TaskAMetrics.evaluate(eightHandWorked(), 1.5));
        assertThrows(IllegalArgumentException.class, () -> TaskAMetrics.evaluate(eightHandWorked(), Double.NaN));
    }
}
