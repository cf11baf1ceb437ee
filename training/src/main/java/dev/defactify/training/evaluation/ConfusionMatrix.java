package dev.defactify.training.evaluation;

import dev.defactify.contract.label.SourceLabel;

import java.util.Arrays;
import java.util.List;

/**
 * The Task B confusion matrix: rows are the truth, columns the prediction, both in head order (sklearn's layout).
 *
 * @param labels slugs of the rows and of the columns
 * @param counts {@code counts[truth][predicted]}
 */
public record ConfusionMatrix(List<String> labels, long[][] counts) {

    public ConfusionMatrix {
        labels = List.copyOf(labels);
        if (counts.length != labels.size()) {
            throw new IllegalArgumentException("expected " + labels.size() + " rows, got " + counts.length);
        }
        long[][] copy = new long[counts.length][];
        for (int row = 0; row < counts.length; row++) {
            if (counts[row].length != labels.size()) {
                throw new IllegalArgumentException("row " + row + " has " + counts[row].length + " columns");
            }
            copy[row] = counts[row].clone();
        }
        counts = copy;
    }

    public static ConfusionMatrix of(List<Prediction> predictions) {
        int size = SourceLabel.count();
        long[][] counts = new long[size][size];
        for (Prediction prediction : predictions) {
            counts[prediction.truth().index()][prediction.predictedSource().index()]++;
        }
        return new ConfusionMatrix(SourceLabel.slugs(), counts);
    }

    @Override
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int row = 0; row < counts.length; row++) {
            copy[row] = counts[row].clone();
        }
        return copy;
    }

    public int size() {
        return labels.size();
    }

    public long count(int truth, int predicted) {
        return counts[truth][predicted];
    }

    public long count(SourceLabel truth, SourceLabel predicted) {
        return count(truth.index(), predicted.index());
    }

    public long rowTotal(int truth) {
        return Arrays.stream(counts[truth]).sum();
    }

    public long columnTotal(int predicted) {
        return Arrays.stream(counts).mapToLong(row -> row[predicted]).sum();
    }

    public long total() {
        return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
    }

    public long diagonal() {
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += counts[i][i];
        }
        return sum;
    }

    /** The share of a true class that went to each prediction: per-class recall patterns despite class imbalance. */
    public double rowFraction(int truth, int predicted) {
        return Fractions.ratioOrZero(counts[truth][predicted], rowTotal(truth));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfusionMatrix that
                && labels.equals(that.labels)
                && Arrays.deepEquals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return 31 * labels.hashCode() + Arrays.deepHashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix[labels=" + labels + ", counts=" + Arrays.deepToString(counts) + "]";
    }
}
