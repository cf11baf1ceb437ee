package dev.defactify.training.data.demo;

/** The few resampling and smoothing operations the fingerprints need, on single channels with clamped edges. */
final class CanvasFilters {

    private CanvasFilters() {
    }

    /** Separable Gaussian blur; the kernel is cut at three sigma. */
    static float[] gaussianBlur(float[] plane, int width, int height, double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-(k * k) / (2 * sigma * sigma));
            sum += kernel[k + radius];
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= sum;
        }
        float[] horizontal = new float[plane.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    acc += kernel[k + radius] * plane[y * width + Math.clamp(x + k, 0, width - 1)];
                }
                horizontal[y * width + x] = (float) acc;
            }
        }
        float[] result = new float[plane.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    acc += kernel[k + radius] * horizontal[Math.clamp(y + k, 0, height - 1) * width + x];
                }
                result[y * width + x] = (float) acc;
            }
        }
        return result;
    }

    /**
     * Averages 2x2 blocks and interpolates back to full size bilinearly: detail finer than two pixels is lost the
     * way it is in a model that renders at half resolution and upscales.
     */
    static float[] halveAndRestore(float[] plane, int width, int height) {
        int halfWidth = (width + 1) / 2;
        int halfHeight = (height + 1) / 2;
        float[] half = new float[halfWidth * halfHeight];
        for (int hy = 0; hy < halfHeight; hy++) {
            for (int hx = 0; hx < halfWidth; hx++) {
                double acc = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int x = Math.min(2 * hx + dx, width - 1);
                        int y = Math.min(2 * hy + dy, height - 1);
                        acc += plane[y * width + x];
                    }
                }
                half[hy * halfWidth + hx] = (float) (acc / 4);
            }
        }
        float[] result = new float[plane.length];
        for (int y = 0; y < height; y++) {
            double sy = Math.clamp((y + 0.5) / 2 - 0.5, 0, halfHeight - 1);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, halfHeight - 1);
            double ty = sy - y0;
            for (int x = 0; x < width; x++) {
                double sx = Math.clamp((x + 0.5) / 2 - 0.5, 0, halfWidth - 1);
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, halfWidth - 1);
                double tx = sx - x0;
                double top = half[y0 * halfWidth + x0] * (1 - tx) + half[y0 * halfWidth + x1] * tx;
                double bottom = half[y1 * halfWidth + x0] * (1 - tx) + half[y1 * halfWidth + x1] * tx;
                result[y * width + x] = (float) (top * (1 - ty) + bottom * ty);
            }
        }
        return result;
    }
}
