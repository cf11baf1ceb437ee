package dev.defactify.contract.image;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Decoded pixels to the normalised CHW tensor of one {@link InputSpec}. Resamples separably,
 * horizontal pass then vertical, touching only the rows and columns the crop needs; intermediate
 * values stay in float (no rounding to bytes between passes). Float arithmetic in Java is IEEE-exact
 * and the summation order is fixed, so the same pixels give bit-identical tensors on every JVM.
 */
final class SquareResampler {
    private final InputSpec spec;
    private final float[] mean = new float[3];
    private final float[] std = new float[3];

    SquareResampler(InputSpec spec) {
        this.spec = spec;
        for (int c = 0; c < 3; c++) {
            mean[c] = spec.mean().get(c).floatValue();
            std[c] = spec.std().get(c).floatValue();
        }
    }

    /**
     * Writes {@code 3 * size * size} floats (planes R, G, B) into {@code dst} from absolute index
     * {@code offset}, leaving its position alone. One bulk put per output row: a direct buffer (what
     * the ONNX runtime reads) is filled in place without a heap tensor in between, and a wrapped
     * array gets a plain array copy.
     */
    void write(DecodedImage image, FloatBuffer dst, int offset) {
        int size = spec.size();
        ResizePlan plan = spec.policy().plan(image.width(), image.height(), size);
        AxisWeights columns = plan.resamplesWidth()
                ? AxisWeights.triangle(image.width(), plan.resizedWidth(), plan.cropX(), size)
                : AxisWeights.identity(plan.cropX(), size);
        AxisWeights rows = plan.resamplesHeight()
                ? AxisWeights.triangle(image.height(), plan.resizedHeight(), plan.cropY(), size)
                : AxisWeights.identity(plan.cropY(), size);
        int firstRow = rows.lowestInput();
        int rowCount = rows.highestInput() - firstRow + 1;
        float[][] horizontal = resampleRows(image, columns, firstRow, rowCount);
        resampleColumnsAndNormalise(horizontal, rows, firstRow, dst, offset);
    }

    /** Pass 1: each needed source row becomes {@code size} samples per channel (planar R, G, B). */
    private float[][] resampleRows(DecodedImage image, AxisWeights columns, int firstRow, int rowCount) {
        int size = spec.size();
        int width = image.width();
        int[] rgb = image.rgb();
        float[] weights = columns.weightArray();
        float[] red = new float[rowCount * size];
        float[] green = new float[rowCount * size];
        float[] blue = new float[rowCount * size];
        for (int row = 0; row < rowCount; row++) {
            int rowStart = (firstRow + row) * width;
            int out = row * size;
            for (int x = 0; x < size; x++) {
                int source = rowStart + columns.first(x);
                int taps = columns.taps(x);
                int w = columns.weightOffset(x);
                float r = 0;
                float g = 0;
                float b = 0;
                for (int k = 0; k < taps; k++) {
                    int pixel = rgb[source + k];
                    float weight = weights[w + k];
                    r += (pixel >> 16 & 0xFF) * weight;
                    g += (pixel >> 8 & 0xFF) * weight;
                    b += (pixel & 0xFF) * weight;
                }
                red[out + x] = r;
                green[out + x] = g;
                blue[out + x] = b;
            }
        }
        return new float[][] {red, green, blue};
    }

    /** Pass 2: combine rows, then {@code (v / 255 - mean) / std} straight into the destination. */
    private void resampleColumnsAndNormalise(float[][] horizontal, AxisWeights rows, int firstRow,
                                             FloatBuffer dst, int offset) {
        int size = spec.size();
        int plane = size * size;
        float[] weights = rows.weightArray();
        float[] sum = new float[size];
        float[] normalised = new float[size];
        for (int c = 0; c < 3; c++) {
            float[] source = horizontal[c];
            float channelMean = mean[c];
            float channelStd = std[c];
            for (int y = 0; y < size; y++) {
                Arrays.fill(sum, 0f);
                int sourceRow = rows.first(y) - firstRow;
                int taps = rows.taps(y);
                int w = rows.weightOffset(y);
                for (int k = 0; k < taps; k++) {
                    float weight = weights[w + k];
                    int from = (sourceRow + k) * size;
                    for (int x = 0; x < size; x++) {
                        sum[x] += source[from + x] * weight;
                    }
                }
                for (int x = 0; x < size; x++) {
                    normalised[x] = (sum[x] / 255f - channelMean) / channelStd;
                }
                dst.put(offset + c * plane + y * size, normalised);
            }
        }
    }
}
