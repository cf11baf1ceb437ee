package dev.defactify.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * L = w_A · BCEWithLogits(ai_logit, y_A) + w_B · CrossEntropy(source_logits, y_B).
 *
 * <p>Labels are {@code [taskA (N,1) float 0/1, source (N) int]}; predictions are the network's
 * {@code [ai_logit, source_logits, features]}. Real images are 1 in 6 of the data, so the binary term can weigh each
 * sample by its class: with {@code realWeight = N/(2·n_real)} and {@code generatedWeight = N/(2·n_generated)} the
 * ratio is PyTorch's {@code pos_weight = n_real/n_generated}, and the mean weight stays 1, so balancing Task A does
 * not also shrink its share of the shared backbone's gradient.
 */
public final class JointLoss extends Loss {
    private final float binaryWeight;
    private final float sourceWeight;
    private final float realWeight;
    private final float generatedWeight;

    public JointLoss(float binaryWeight, float sourceWeight, float realWeight, float generatedWeight) {
        super("joint");
        if (binaryWeight < 0 || sourceWeight < 0 || binaryWeight + sourceWeight == 0 || realWeight <= 0
                || generatedWeight <= 0) {
            throw new IllegalArgumentException("loss weights must be >= 0 with a positive sum, class weights > 0");
        }
        this.binaryWeight = binaryWeight;
        this.sourceWeight = sourceWeight;
        this.realWeight = realWeight;
        this.generatedWeight = generatedWeight;
    }

    /** Unweighted classes. */
    public static JointLoss unbalanced(float binaryWeight, float sourceWeight) {
        return new JointLoss(binaryWeight, sourceWeight, 1f, 1f);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return binaryLoss(labels, predictions).mul(binaryWeight).add(sourceLoss(labels, predictions).mul(sourceWeight));
    }

    /**
     * Mean class-weighted binary cross-entropy on the logit, in the numerically stable form
     * max(x,0) − x·y + log(1 + e^−|x|). Only one of the two log terms is non-zero per sample, so weighting the whole
     * per-sample loss by its class weight is exact.
     */
    public NDArray binaryLoss(NDList labels, NDList predictions) {
        NDArray logit = predictions.get(0).reshape(-1);
        NDArray target = labels.get(0).reshape(-1).toType(logit.getDataType(), false);
        NDArray perSample = logit.maximum(0).sub(logit.mul(target)).add(logit.abs().neg().exp().add(1).log());
        if (realWeight == 1f && generatedWeight == 1f) {
            return perSample.mean();
        }
        NDArray weights = target.mul(generatedWeight - realWeight).add(realWeight);
        return perSample.mul(weights).mean();
    }

    /** Mean cross-entropy of the softmax over the six source logits. */
    public NDArray sourceLoss(NDList labels, NDList predictions) {
        NDArray logits = predictions.get(1);
        NDArray target = labels.get(1).toType(ai.djl.ndarray.types.DataType.INT64, false).reshape(-1, 1);
        NDArray logProbabilities = logits.logSoftmax(1);
        return logProbabilities.gather(target, 1).neg().mean();
    }
}
