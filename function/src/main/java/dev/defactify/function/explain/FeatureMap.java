package dev.defactify.function.explain;

import java.util.Arrays;
import java.util.Objects;

/**
 * One image's slice of the network's {@code features} output: {@code channels x rows x cols} floats in CHW order
 * (the last conv stage, after its ReLU). The array is shared with the caller, not copied, and is only read.
 */
public record FeatureMap(int channels, int rows, int cols, float[] values) {

    public FeatureMap {
        Objects.requireNonNull(values, "values");
        if (channels <= 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("Feature map dimensions must be positive, got "
                    + channels + "x" + rows + "x" + cols);
        }
        if ((long) channels * rows * cols != values.length) {
            throw new IllegalArgumentException("A " + channels + "x" + rows + "x" + cols + " feature map needs "
                    + (long) channels * rows * cols + " values, got " + values.length);
        }
    }

    /**
     * Image {@code index} of a batched {@code [N, C, h, w]} output, as ONNX Runtime returns it (one flat array
     * plus its shape). Copies only that image's slice.
     */
    public static FeatureMap ofBatch(float[] batch, long[] shape, int index) {
        if (shape.length != 4) {
            throw new IllegalArgumentException("features must be [N, C, h, w], got " + Arrays.toString(shape));
        }
        if (index < 0 || index >= shape[0]) {
            throw new IndexOutOfBoundsException("Image " + index + " of a batch of " + shape[0]);
        }
        int channels = Math.toIntExact(shape[1]);
        int rows = Math.toIntExact(shape[2]);
        int cols = Math.toIntExact(shape[3]);
        int perImage = Math.multiplyExact(Math.multiplyExact(channels, rows), cols);
        if ((long) perImage * shape[0] != batch.length) {
            throw new IllegalArgumentException("features shape " + Arrays.toString(shape) + " does not match "
                    + batch.length + " values");
        }
        int from = index * perImage;
        return new FeatureMap(channels, rows, cols, Arrays.copyOfRange(batch, from, from + perImage));
    }

    public float at(int channel, int row, int col) {
        return values[(channel * rows + row) * cols + col];
    }
}
