package dev.defactify.training.calibration;

import dev.defactify.contract.label.SourceLabel;
import dev.defactify.contract.score.Probabilities;
import dev.defactify.training.evaluation.Prediction;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-image logits of one split with the truth, the input of calibration.
 *
 * <p>Evaluation keeps probabilities, not logits, so {@link #of} inverts them: {@code logit(p)} for the binary head
 * and {@code log p} for the attribution head (softmax only fixes logits up to a per-row constant, and both the
 * softmax and its temperature-scaled version are blind to that constant, so {@code log p} is as good as the raw
 * logits). Probabilities are computed in double from float logits, so the inversion is exact to far below float
 * precision, except where a probability rounded to exactly 0 or 1: there the logit is capped at the largest
 * magnitude double can still tell apart ({@value #BINARY_CAP} for the sigmoid, {@code log(Double.MIN_VALUE)} for
 * softmax), which only loses how far beyond certainty the network was.
 *
 * @param sourceLogits one row per image, in {@link SourceLabel} head order
 */
public record LogitSet(List<String> ids, List<SourceLabel> truth, double[] aiLogits, double[][] sourceLogits) {
    static final double BINARY_CAP = 37.0;
    private static final double LOG_SMALLEST = Math.log(Double.MIN_VALUE);

    public LogitSet {
        ids = List.copyOf(ids);
        truth = List.copyOf(truth);
        if (aiLogits.length != ids.size() || sourceLogits.length != ids.size() || truth.size() != ids.size()) {
            throw new IllegalArgumentException("ids, truth and logits differ in length");
        }
        aiLogits = aiLogits.clone();
        double[][] rows = new double[sourceLogits.length][];
        for (int i = 0; i < rows.length; i++) {
            if (sourceLogits[i].length != SourceLabel.count()) {
                throw new IllegalArgumentException("expected " + SourceLabel.count() + " source logits for "
                        + ids.get(i) + ", got " + sourceLogits[i].length);
            }
            rows[i] = sourceLogits[i].clone();
        }
        sourceLogits = rows;
    }

    public static LogitSet of(List<Prediction> predictions) {
        List<String> ids = new ArrayList<>(predictions.size());
        List<SourceLabel> truth = new ArrayList<>(predictions.size());
        double[] ai = new double[predictions.size()];
        double[][] source = new double[predictions.size()][];
        for (int i = 0; i < predictions.size(); i++) {
            Prediction p = predictions.get(i);
            ids.add(p.id());
            truth.add(p.truth());
            ai[i] = logit(p.aiProbability());
            double[] probabilities = p.sourceProbabilities();
            double[] row = new double[probabilities.length];
            for (int c = 0; c < row.length; c++) {
                row[c] = probabilities[c] > 0 ? Math.log(probabilities[c]) : LOG_SMALLEST;
            }
            source[i] = row;
        }
        return new LogitSet(ids, truth, ai, source);
    }

    static double logit(double p) {
        if (p <= 0) {
            return -BINARY_CAP;
        }
        if (p >= 1) {
            return BINARY_CAP;
        }
        return Math.max(-BINARY_CAP, Math.min(BINARY_CAP, Math.log(p) - Math.log1p(-p)));
    }

    public int size() {
        return ids.size();
    }

    /** Task A labels: is the image AI-generated. */
    public boolean[] generated() {
        boolean[] out = new boolean[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = truth.get(i).isGenerated();
        }
        return out;
    }

    /** Task B labels: head index of the true source. */
    public int[] sourceIndices() {
        return truth.stream().mapToInt(SourceLabel::index).toArray();
    }

    @Override
    public double[] aiLogits() {
        return aiLogits.clone();
    }

    @Override
    public double[][] sourceLogits() {
        double[][] rows = new double[sourceLogits.length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = sourceLogits[i].clone();
        }
        return rows;
    }

    /** The predictions serving would make with these temperatures: the same formula as the function applies. */
    public List<Prediction> predictions(double aiTemperature, double sourceTemperature) {
        List<Prediction> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(new Prediction(ids.get(i), truth.get(i), Probabilities.sigmoid(aiLogits[i] / aiTemperature),
                    softmax(sourceLogits[i], sourceTemperature)));
        }
        return out;
    }

    /** Softmax of {@code row / T} in double, shifted by the maximum so nothing overflows. */
    private static double[] softmax(double[] row, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : row) {
            max = Math.max(max, z / temperature);
        }
        double[] out = new double[row.length];
        double sum = 0;
        for (int c = 0; c < row.length; c++) {
            out[c] = Math.exp(row[c] / temperature - max);
            sum += out[c];
        }
        for (int c = 0; c < row.length; c++) {
            out[c] /= sum;
        }
        return out;
    }
}
