package dev.defactify.function.explain;

import java.util.Random;

/** Feature maps for tests: random post-ReLU activations, or zeros with one hot cell. */
final class Features {

    private Features() {
    }

    static FeatureMap random(long seed, int channels, int rows, int cols) {
        Random random = new Random(seed);
        float[] values = new float[channels * rows * cols];
        for (int i = 0; i < values.length; i++) {
            // Non-negative and sparse-ish, like activations after the last ReLU.
            values[i] = Math.max(0f, (float) random.nextGaussian() * 2f);
        }
        return new FeatureMap(channels, rows, cols, values);
    }

    /** All zeros except {@code value} in channel 0 at ({@code row}, {@code col}). */
    static FeatureMap hotCell(int channels, int rows, int cols, int row, int col, float value) {
        float[] values = new float[channels * rows * cols];
        values[row * cols + col] = value;
        return new FeatureMap(channels, rows, cols, values);
    }
}
