package dev.defactify.function.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.defactify.contract.score.Probabilities;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ActivationMapTest {

    /** ai_logit as the graph computes it: GlobalAveragePool, Flatten, Gemm(transB=1). Written out independently. */
    private static double aiLogit(FeatureMap features, float[] weights, float bias) {
        int cells = features.rows() * features.cols();
        double logit = bias;
        for (int c = 0; c < features.channels(); c++) {
            double sum = 0;
            for (int y = 0; y < features.rows(); y++) {
                for (int x = 0; x < features.cols(); x++) {
                    sum += features.at(c, y, x);
                }
            }
            logit += weights[c] * sum / cells;
        }
        return logit;
    }

    @Test
    void meanOfTheCamOverTheGridEqualsAiLogit() {
        Random random = new Random(42);
        float[] weights = new float[64];
        for (int c = 0; c < weights.length; c++) {
            weights[c] = (float) random.nextGaussian() * 0.1f;
        }
        BinaryHead head = new BinaryHead(weights, -0.2f);
        FeatureMap features = Features.random(7, 64, 7, 7);
        double expected = aiLogit(features, weights, -0.2f);

        double[] cells = head.cellLogits(features);
        double mean = 0;
        for (double cell : cells) {
            mean += cell / cells.length;
        }

        assertEquals(expected, mean, 1e-9);
        assertEquals(expected, head.logit(features), 1e-9);
        // Rounding each cell to 4 decimals moves the mean by at most half a unit in the last place.
        assertEquals(expected, ActivationMap.compute(features, head).meanLogit(), 0.5e-4 + 1e-12);
    }

    @Test
    void cellsAreRowMajorFromTheTopLeftWithSigmoidProbabilities() {
        BinaryHead head = new BinaryHead(new float[] {3f, -1f}, -2f);
        ActivationMap map = ActivationMap.compute(Features.hotCell(2, 3, 5, 0, 4, 2f), head);

        assertEquals(3, map.rows());
        assertEquals(5, map.cols());
        assertEquals(3, map.probabilities().size());
        assertEquals(5, map.probabilities().get(0).size());
        assertEquals(4.0, map.logit(0, 4));
        assertEquals(-2.0, map.logit(2, 0));
        assertEquals(0.982, map.probability(0, 4)); // sigmoid(4) = 0.98201...
        assertEquals(0.1192, map.probability(2, 0)); // sigmoid(-2) = 0.11920...
        assertEquals(-2.0, map.minLogit());
        assertEquals(4.0, map.maxLogit());
        assertEquals(0.1192, map.minProbability());
        assertEquals(0.982, map.maxProbability());
    }

    @Test
    void valuesAreRoundedToFourDecimals() {
        ActivationMap map = ActivationMap.of(1, 2, new double[] {0.123456789, -3.99996});

        assertEquals(0.1235, map.logit(0, 0));
        assertEquals(-4.0, map.logit(0, 1));
        assertEquals(ActivationMap.round(Probabilities.sigmoid(0.123456789)), map.probability(0, 0));
        assertEquals(-3.99996, map.minLogit(), 0.5e-4);
    }
}
