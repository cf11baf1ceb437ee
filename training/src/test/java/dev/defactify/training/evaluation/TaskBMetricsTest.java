package dev.defactify.training.evaluation;

import dev.defactify.contract.label.SourceLabel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.defactify.contract.label.SourceLabel.DALLE3;
import static dev.defactify.contract.label.SourceLabel.MIDJOURNEY6;
import static dev.defactify.contract.label.SourceLabel.REAL;
import static dev.defactify.contract.label.SourceLabel.SD21;
import static dev.defactify.contract.label.SourceLabel.SD3;
import static dev.defactify.contract.label.SourceLabel.SDXL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskBMetricsTest {

    private static final double EPS = 1e-12;

    /** real 2/2 right; sd21 one right, one called sdxl; sdxl one right, one called dalle3. */
    private static List<Prediction> sixWithMissingClasses() {
        return new TestPredictions()
                .add(REAL, 0.1, REAL).add(REAL, 0.2, REAL)
                .add(SD21, 0.9, SD21).add(SD21, 0.8, SDXL)
                .add(SDXL, 0.7, SDXL).add(SDXL, 0.6, DALLE3)
                .list();
    }

    @Test
    void perClassScoresAreOneVsRest() {
        TaskBMetrics metrics = TaskBMetrics.evaluate(sixWithMissingClasses());

        assertEquals(new ClassMetrics("real", 2, 2, 2, 1.0, 1.0, 1.0, true), metrics.perClass().get("real"));
        ClassMetrics sd21 = metrics.perClass().get("sd21"); // P = 1/1, R = 1/2, F1 = 2/3
        assertEquals(1.0, sd21.precision(), EPS);
        assertEquals(0.5, sd21.recall(), EPS);
        assertEquals(2.0 / 3, sd21.f1(), EPS);
        ClassMetrics sdxl = metrics.perClass().get("sdxl"); // P = 1/2, R = 1/2
        assertEquals(0.5, sdxl.f1(), EPS);
        assertEquals(4.0 / 6, metrics.accuracy(), EPS);
        assertEquals(SourceLabel.slugs(), List.copyOf(metrics.perClass().keySet()));
    }

    @Test
    void macroF1LeavesOutClassesNeitherPresentNorPredicted() {
        TaskBMetrics metrics = TaskBMetrics.evaluate(sixWithMissingClasses());

        // dalle3 is predicted once but never true: F1 = 0 and it counts. sd3 and midjourney6 never appear: left out.
        // (1 + 2/3 + 1/2 + 0) / 4 = 13/24.
        assertEquals(new ClassMetrics("dalle3", 0, 1, 0, 0.0, 0.0, 0.0, true), metrics.perClass().get("dalle3"));
        assertFalse(metrics.perClass().get("sd3").inMacroAverage());
        assertFalse(metrics.perClass().get("midjourney6").inMacroAverage());
        assertEquals(13.0 / 24, metrics.macroF1(), EPS);
        assertEquals(2, metrics.notes().size());
    }

    @Test
    void withAllSixClassesMacroF1IsTheMeanOfSix() {
        TestPredictions predictions = new TestPredictions();
        for (SourceLabel label : SourceLabel.inHeadOrder()) {
            predictions.add(label, 0.5, label);
        }
        predictions.add(MIDJOURNEY6, 0.5, SD3); // sd3: P 1/2, R 1 -> 2/3; midjourney6: P 1, R 1/2 -> 2/3
        TaskBMetrics metrics = TaskBMetrics.evaluate(predictions.list());

        assertEquals((4 + 2.0 / 3 + 2.0 / 3) / 6, metrics.macroF1(), EPS);
        assertTrue(metrics.notes().isEmpty());
    }

    @Test
    void confusionMatrixRowsAreTruthColumnsArePrediction() {
        ConfusionMatrix matrix = TaskBMetrics.evaluate(sixWithMissingClasses()).confusionMatrix();

        assertEquals(1, matrix.count(SD21, SDXL));   // a true sd21 predicted as sdxl
        assertEquals(0, matrix.count(SDXL, SD21));
        assertEquals(1, matrix.count(SDXL.index(), DALLE3.index()));
        assertEquals(2, matrix.rowTotal(SD21.index()));
        assertEquals(2, matrix.columnTotal(SDXL.index()));
        assertEquals(0.5, matrix.rowFraction(SD21.index(), SDXL.index()), EPS);
        assertEquals(6, matrix.total());
        assertEquals(SourceLabel.slugs(), matrix.labels());
    }

    @Test
    void confusionMatrixIsImmutable() {
        ConfusionMatrix matrix = TaskBMetrics.evaluate(sixWithMissingClasses()).confusionMatrix();
        matrix.counts()[0][0] = 99;
        assertEquals(2, matrix.count(REAL, REAL));
    }

    @Test
    void rejectsAnEmptySet() {
        assertThrows(IllegalArgumentException.class, () -> TaskBMetrics.evaluate(List.of()));
    }
}
