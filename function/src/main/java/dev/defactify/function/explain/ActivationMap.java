package dev.defactify.function.explain;

import dev.defactify.contract.score.Probabilities;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A class activation map for the "AI-generated" head over the {@code rows x cols} feature grid. Row 0 is the top
 * of the crop the model saw, column 0 its left edge. Cell values are row-major and rounded to {@link #DECIMALS}
 * places, which is finer than any colour or decision depends on and keeps the JSON short.
 *
 * @param logits         per-cell contribution to ai_logit ({@code sum_c w_c f_c(y,x) + b}); their mean is ai_logit
 * @param probabilities  sigmoid of each cell's logit: how AI-generated that region alone looks to the head
 */
public record ActivationMap(int rows, int cols, List<List<Double>> logits, List<List<Double>> probabilities,
                            double minLogit, double maxLogit, double minProbability, double maxProbability) {
    public static final int DECIMALS = 4;

    public ActivationMap {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(probabilities, "probabilities");
        if (rows <= 0 || cols <= 0 || logits.size() != rows || probabilities.size() != rows) {
            throw new IllegalArgumentException("A " + rows + "x" + cols + " map needs " + rows + " rows of cells");
        }
        for (int r = 0; r < rows; r++) {
            if (logits.get(r).size() != cols || probabilities.get(r).size() != cols) {
                throw new IllegalArgumentException("Row " + r + " of a " + rows + "x" + cols + " map needs "
                        + cols + " cells");
            }
        }
        logits = List.copyOf(logits);
        probabilities = List.copyOf(probabilities);
    }

    /** The map the binary head draws over these features. */
    public static ActivationMap compute(FeatureMap features, BinaryHead head) {
        return of(features.rows(), features.cols(), head.cellLogits(features));
    }

    /** Builds the map from exact row-major cell logits; min/max are taken before rounding. */
    public static ActivationMap of(int rows, int cols, double[] cellLogits) {
        if ((long) rows * cols != cellLogits.length) {
            throw new IllegalArgumentException(rows + "x" + cols + " cells, got " + cellLogits.length + " logits");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        List<List<Double>> logitRows = new ArrayList<>(rows);
        List<List<Double>> probabilityRows = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            List<Double> logitRow = new ArrayList<>(cols);
            List<Double> probabilityRow = new ArrayList<>(cols);
            for (int c = 0; c < cols; c++) {
                double logit = cellLogits[r * cols + c];
                min = Math.min(min, logit);
                max = Math.max(max, logit);
                logitRow.add(round(logit));
                probabilityRow.add(round(Probabilities.sigmoid(logit)));
            }
            logitRows.add(List.copyOf(logitRow));
            probabilityRows.add(List.copyOf(probabilityRow));
        }
        // Sigmoid is monotonic, so the extreme probabilities sit in the same cells as the extreme logits.
        return new ActivationMap(rows, cols, logitRows, probabilityRows, round(min), round(max),
                round(Probabilities.sigmoid(min)), round(Probabilities.sigmoid(max)));
    }

    public double probability(int row, int col) {
        return probabilities.get(row).get(col);
    }

    public double logit(int row, int col) {
        return logits.get(row).get(col);
    }

    /** Mean of the (rounded) cell logits: ai_logit to within {@code 0.5e-4}. */
    public double meanLogit() {
        double sum = 0;
        for (List<Double> row : logits) {
            for (double value : row) {
                sum += value;
            }
        }
        return sum / (rows * cols);
    }

    static double round(double value) {
        double scale = Math.pow(10, DECIMALS);
        return Math.round(value * scale) / scale;
    }
}
