package dev.defactify.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * L = w_A · BCEWithLogits(ai_logit, y_A) + w_B · CrossEntropy(source_logits, y_B).
 *
 * <p>Labels are {@code [taskA (N,1) float 0/1, source (N) int]}; predictions are the network's
 * {@code [ai_logit, source_logits, features]}. Real images are 1 in 6 of the data, so the binary term can weigh
 * positives (generated images) by {@code positiveWeight} &lt; 1, as PyTorch's {@code pos_weight} does.
 */
public final class JointLoss extends Loss {
    private final float binaryWeight;
    private final float sourceWeight;
    private final float positiveWeight;

    public JointLoss(float binaryWeight, float sourceWeight, float positiveWeight) {
        super("joint");
        if (binaryWeight < 0 || sourceWeight < 0 || binaryWeight + sourceWeight == 0 || positiveWeight <= 0) {
            throw new IllegalArgumentException("loss weights must be >= 0 with a positive sum, positive weight > 0");
        }
        this.binaryWeight = binaryWeight;
        this.sourceWeight = sourceWeight;
        this.positiveWeight = positiveWeight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return binaryLoss(labels, predictions).mul(binaryWeight).add(sourceLoss(labels, predictions).mul(sourceWeight));
    }

    /** Mean binary cross-entropy on the logit, in the numerically stable form max(x,0) − x·y + log(1 + e^−|x|). */
    public NDArray binaryLoss(NDList labels, NDList predictions) {
        NDArray logit = predictions.get(0).reshape(-1);
        NDArray target = labels.get(0).reshape(-1).toType(logit.getDataType(), false);
        NDArray perSample = logit.maximum(0).sub(logit.mul(target)).add(logit.abs().neg().exp().add(1).log());
        if (positiveWeight == 1f) {
            return perSample.mean();
        }
        // pos_weight semantics: only the positives' −log σ(x) = softplus(−x) term is scaled
        NDArray positiveTerm = target.mul(logit.neg().maximum(0).add(logit.abs().neg().exp().add(1).log()));
        return perSample.add(positiveTerm.mul(positiveWeight - 1)).mean();
    }

    /** Mean cross-entropy of the softmax over the six source logits. */
    public NDArray sourceLoss(NDList labels, NDList predictions) {
        NDArray logits = predictions.get(1);
        NDArray target = labels.get(1).toType(ai.djl.ndarray.types.DataType.INT64, false).reshape(-1, 1);
        NDArray logProbabilities = logits.logSoftmax(1);
        return logProbabilities.gather(target, 1).neg().mean();
    }
}
