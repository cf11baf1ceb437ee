package dev.defactify.training.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.defactify.contract.label.SourceLabel.REAL;
import static dev.defactify.contract.label.SourceLabel.SD21;
import static dev.defactify.contract.label.SourceLabel.SDXL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RocCurveTest {

    private static final double EPS = 1e-12;

    @Test
    void perfectClassifierHasAucOne() {
        RocCurve roc = RocCurve.of(new TestPredictions().add(REAL, 0.1).add(REAL, 0.2).add(SD21, 0.8).add(SDXL, 0.9)
                .list());
        assertEquals(1.0, roc.auc(), EPS);
        assertTrue(roc.points().contains(new RocPoint(0.0, 1.0, 0.8)));
    }

    @Test
    void invertedClassifierHasAucZero() {
        RocCurve roc = RocCurve.of(new TestPredictions().add(REAL, 0.8).add(REAL, 0.9).add(SD21, 0.1).add(SDXL, 0.2)
                .list());
        assertEquals(0.0, roc.auc(), EPS);
    }

    @Test
    void tiesAcrossClassesCountAsHalf() {
        // Pairs (generated, real): (.5,.5) tie, (.5,.2) win, (.5,.5) tie, (.5,.2) win -> (0.5 + 1 + 0.5 + 1) / 4.
        RocCurve roc = RocCurve.of(new TestPredictions().add(SD21, 0.5).add(SDXL, 0.5).add(REAL, 0.5).add(REAL, 0.2)
                .list());
        assertEquals(0.75, roc.auc(), EPS);
        assertEquals(0.75, roc.trapezoidArea(), EPS);
    }

    @Test
    void allScoresEqualIsChance() {
        RocCurve roc = RocCurve.of(new TestPredictions().add(SD21, 0.3).add(REAL, 0.3).add(REAL, 0.3).list());
        assertEquals(0.5, roc.auc(), EPS);
        assertEquals(List.of(new RocPoint(0, 0, Math.nextUp(0.3)), new RocPoint(1, 1, 0.3)), roc.points());
    }

    @Test
    void curveRunsFromOriginToOneOneWithOnePointPerDistinctScore() {
        RocCurve roc = RocCurve.of(new TestPredictions()
                .add(REAL, 0.1).add(REAL, 0.4).add(REAL, 0.8).add(SD21, 0.9).add(SDXL, 0.6).add(SD21, 0.3)
                .add(SDXL, 0.7).add(SD21, 0.45).list());

        assertEquals(9, roc.points().size());
        assertEquals(new RocPoint(0, 0, Math.nextUp(0.9)), roc.points().getFirst());
        assertEquals(new RocPoint(1, 1, 0.1), roc.points().getLast());
        // After 0.9 (G) and 0.8 (R): one of five generated, one of three real.
        assertEquals(new RocPoint(1.0 / 3, 1.0 / 5, 0.8), roc.points().get(2));
        assertEquals(roc.auc(), roc.trapezoidArea(), EPS);
    }

    @Test
    void aSingleClassHasNoCurve() {
        RocCurve roc = RocCurve.of(new TestPredictions().add(REAL, 0.1).add(REAL, 0.4).list());
        assertFalse(roc.isDefined());
        assertNull(roc.auc());
        assertTrue(roc.points().isEmpty());
    }
}
