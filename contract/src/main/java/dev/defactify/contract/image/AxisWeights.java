package dev.defactify.contract.image;

/**
 * Resampling weights along one axis, computed once per call and shared by every row (or column):
 * output pixel {@code i} is {@code sum_k weight(i, k) * input[first(i) + k]} for {@code k < taps(i)}.
 *
 * <p>The filter is the triangle ("bilinear") filter as Pillow applies it: when shrinking by a factor
 * s its support widens to s input pixels on each side, so every input pixel contributes (antialiasing);
 * when enlarging it is plain linear interpolation between the two nearest pixels. Weights are
 * normalised to sum to one, which also handles the truncated windows at the borders.
 */
final class AxisWeights {
    private final int[] first;
    private final int[] taps;
    private final float[] weights;
    private final int stride;

    private AxisWeights(int[] first, int[] taps, float[] weights, int stride) {
        this.first = first;
        this.taps = taps;
        this.weights = weights;
        this.stride = stride;
    }

    /** No resampling: output i is input {@code offset + i}. */
    static AxisWeights identity(long offset, int count) {
        int[] first = new int[count];
        int[] taps = new int[count];
        float[] weights = new float[count];
        for (int i = 0; i < count; i++) {
            first[i] = Math.toIntExact(offset + i);
            taps[i] = 1;
            weights[i] = 1f;
        }
        return new AxisWeights(first, taps, weights, 1);
    }

    /**
     * Weights for outputs {@code firstOutput .. firstOutput + count - 1} of an axis resampled from
     * {@code inputSize} to {@code outputSize} pixels. Only the cropped window is ever computed.
     */
    static AxisWeights triangle(int inputSize, long outputSize, long firstOutput, int count) {
        double scale = (double) inputSize / outputSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale; // the triangle's radius is 1 input pixel, widened when shrinking
        int stride = (int) Math.ceil(support) * 2 + 1;
        int[] first = new int[count];
        int[] taps = new int[count];
        float[] weights = new float[count * stride];
        double[] raw = new double[stride];
        for (int i = 0; i < count; i++) {
            double center = (firstOutput + i + 0.5) * scale;
            int from = Math.max((int) (center - support + 0.5), 0);
            int to = Math.min((int) (center + support + 0.5), inputSize);
            int n = Math.min(Math.max(to - from, 0), stride);
            double sum = 0;
            for (int k = 0; k < n; k++) {
                raw[k] = triangle((from + k - center + 0.5) / filterScale);
                sum += raw[k];
            }
            if (sum <= 0) {
                // Only reachable through rounding at an extreme scale: fall back to the nearest pixel.
                from = Math.min(Math.max((int) center, 0), inputSize - 1);
                n = 1;
                raw[0] = 1;
                sum = 1;
            }
            first[i] = from;
            taps[i] = n;
            for (int k = 0; k < n; k++) {
                weights[i * stride + k] = (float) (raw[k] / sum);
            }
        }
        return new AxisWeights(first, taps, weights, stride);
    }

    private static double triangle(double x) {
        double distance = Math.abs(x);
        return distance < 1 ? 1 - distance : 0;
    }

    int first(int output) {
        return first[output];
    }

    int taps(int output) {
        return taps[output];
    }

    float weight(int output, int tap) {
        return weights[output * stride + tap];
    }

    /** Offset of output's first weight in {@link #weightArray()}. */
    int weightOffset(int output) {
        return output * stride;
    }

    /** The raw weights, for hot loops that cannot afford a call per tap. */
    float[] weightArray() {
        return weights;
    }

    int count() {
        return first.length;
    }

    /** Lowest input index any output reads. */
    int lowestInput() {
        int lowest = Integer.MAX_VALUE;
        for (int value : first) {
            lowest = Math.min(lowest, value);
        }
        return lowest;
    }

    /** Highest input index any output reads. */
    int highestInput() {
        int highest = Integer.MIN_VALUE;
        for (int i = 0; i < first.length; i++) {
            highest = Math.max(highest, first[i] + taps[i] - 1);
        }
        return highest;
    }
}
