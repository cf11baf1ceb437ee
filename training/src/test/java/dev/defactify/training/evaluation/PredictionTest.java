package dev.defactify.training.evaluation;

import dev.defactify.contract.label.SourceLabel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictionTest {

    @Test
    void predictedSourceIsTheArgmaxInHeadOrder() {
        Prediction prediction = new Prediction("a", SourceLabel.REAL, 0.2,
                new double[] {0.1, 0.1, 0.1, 0.5, 0.1, 0.1});
        assertEquals(SourceLabel.SD3, prediction.predictedSource());
    }

    @Test
    void anExactTieGoesToTheEarlierLabel() {
        Prediction prediction = new Prediction("a", SourceLabel.REAL, 0.2,
                new double[] {0.0, 0.4, 0.0, 0.0, 0.4, 0.2});
        assertEquals(SourceLabel.SD21, prediction.predictedSource());
    }

    @Test
    void aProbabilityAtTheThresholdCountsAsGenerated() {
        Prediction prediction = TestPredictions.prediction(SourceLabel.REAL, 0.5, SourceLabel.REAL);
        assertTrue(prediction.calledGenerated(0.5));
        assertFalse(prediction.calledGenerated(0.5000001));
    }

    @Test
    void theProbabilityArrayCannotBeChangedFromOutside() {
        double[] probabilities = {0.5, 0.1, 0.1, 0.1, 0.1, 0.1};
        Prediction prediction = new Prediction("a", SourceLabel.REAL, 0.2, probabilities);
        probabilities[0] = 0.0;
        prediction.sourceProbabilities()[0] = 0.0;
        assertArrayEquals(new double[] {0.5, 0.1, 0.1, 0.1, 0.1, 0.1}, prediction.sourceProbabilities());
        assertEquals(SourceLabel.REAL, prediction.predictedSource());
    }

    @Test
    void equalPredictionsAreEqualByContent() {
        assertEquals(TestPredictions.prediction(SourceLabel.SDXL, 0.7, SourceLabel.SD3),
                TestPredictions.prediction(SourceLabel.SDXL, 0.7, SourceLabel.SD3));
    }

    @Test
    void rejectsImpossibleProbabilities() {
        double[] six = TestPredictions.peakedAt(SourceLabel.REAL);
        assertThrows(IllegalArgumentException.class, () -> new Prediction("a", SourceLabel.REAL, Double.NaN, six));
        assertThrows(IllegalArgumentException.class, () -> new Prediction("a", SourceLabel.REAL, 1.01, six));
        assertThrows(IllegalArgumentException.class, () -> new Prediction("a", SourceLabel.REAL, 0.5, new double[5]));
        assertThrows(IllegalArgumentException.class, () -> new Prediction("a", SourceLabel.REAL, 0.5,
                new double[] {-0.1, 0.3, 0.2, 0.2, 0.2, 0.2}));
    }
}
