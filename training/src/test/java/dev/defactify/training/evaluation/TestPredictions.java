package dev.defactify.training.evaluation;

import dev.defactify.contract.label.SourceLabel;

import java.util.ArrayList;
import java.util.List;

/** Builds predictions for tests without spelling out six probabilities each time. */
final class TestPredictions {

    private final List<Prediction> predictions = new ArrayList<>();

    static double[] peakedAt(SourceLabel predicted) {
        double[] probabilities = new double[SourceLabel.count()];
        java.util.Arrays.fill(probabilities, 0.02);
        probabilities[predicted.index()] = 0.9;
        return probabilities;
    }

    static Prediction prediction(SourceLabel truth, double aiProbability, SourceLabel predictedSource) {
        return new Prediction(truth.slug() + "-" + aiProbability, truth, aiProbability, peakedAt(predictedSource));
    }

    /** Task B predicted correctly; for tests that only care about Task A. */
    TestPredictions add(SourceLabel truth, double aiProbability) {
        return add(truth, aiProbability, truth);
    }

    TestPredictions add(SourceLabel truth, double aiProbability, SourceLabel predictedSource) {
        predictions.add(new Prediction("img-" + predictions.size(), truth, aiProbability, peakedAt(predictedSource)));
        return this;
    }

    List<Prediction> list() {
        return List.copyOf(predictions);
    }
}
