package dev.defactify.training.train;

import dev.defactify.contract.label.SourceLabel;
import dev.defactify.contract.score.Probabilities;
import dev.defactify.training.evaluation.Prediction;
import java.util.ArrayList;
import java.util.List;

/** Turns a batch's logits into predictions and the joint loss's two parts, computed in double precision. */
final class NetworkOutputs {
    private NetworkOutputs() {
    }

    static List<Prediction> predictions(PreparedBatch batch, float[] aiLogits, float[] sourceLogits) {
        int classes = SourceLabel.count();
        List<Prediction> predictions = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            predictions.add(new Prediction(batch.images().get(i).id(), batch.images().get(i).label(),
                    Probabilities.sigmoid(aiLogits[i]), Probabilities.softmax(sourceLogits, i * classes, classes)));
        }
        return predictions;
    }

    /** Sum over the batch of the unweighted binary cross-entropy (softplus form). */
    static double binaryLossSum(PreparedBatch batch, float[] aiLogits) {
        double sum = 0;
        for (int i = 0; i < batch.size(); i++) {
            double x = aiLogits[i];
            sum += Math.max(x, 0) - x * batch.taskA()[i] + Math.log1p(Math.exp(-Math.abs(x)));
        }
        return sum;
    }

    /** Sum over the batch of the cross-entropy of the true source. */
    static double sourceLossSum(PreparedBatch batch, float[] sourceLogits) {
        int classes = SourceLabel.count();
        double sum = 0;
        for (int i = 0; i < batch.size(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, sourceLogits[i * classes + c]);
            }
            double z = 0;
            for (int c = 0; c < classes; c++) {
                z += Math.exp(sourceLogits[i * classes + c] - max);
            }
            sum += max + Math.log(z) - sourceLogits[i * classes + batch.source()[i]];
        }
        return sum;
    }
}
