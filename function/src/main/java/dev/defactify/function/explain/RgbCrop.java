package dev.defactify.function.explain;

import dev.defactify.contract.image.InputSpec;
import java.awt.image.BufferedImage;

/**
 * The {@code size x size} RGB square the model actually saw (after resize and crop), which the heat map is laid
 * over. Taking exactly this, not the uploaded original, keeps every overlay pixel aligned with the feature grid.
 */
public final class RgbCrop {
    private final int size;
    private final int[] rgb;

    private RgbCrop(int size, int[] rgb) {
        this.size = size;
        this.rgb = rgb;
    }

    /** From packed {@code 0xRRGGBB} pixels in row-major order (any alpha byte is ignored); the array is copied. */
    public static RgbCrop ofPixels(int size, int[] rgb) {
        if (size <= 0 || (long) size * size != rgb.length) {
            throw new IllegalArgumentException("A " + size + "x" + size + " crop needs " + (long) size * size
                    + " pixels, got " + rgb.length);
        }
        int[] copy = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            copy[i] = rgb[i] & 0xFFFFFF;
        }
        return new RgbCrop(size, copy);
    }

    /** From a square image (e.g. what a preprocessor produced before normalising). */
    public static RgbCrop of(BufferedImage image) {
        if (image.getWidth() != image.getHeight()) {
            throw new IllegalArgumentException("The crop must be square, got " + image.getWidth() + "x"
                    + image.getHeight());
        }
        int size = image.getWidth();
        return ofPixels(size, image.getRGB(0, 0, size, size, null, 0, size));
    }

    /**
     * Recovers the crop from the normalised CHW tensor fed to the model, undoing {@code (v / 255 - mean) / std}.
     * Serving already holds this tensor, so no second decode or resize is needed; rounding loses under one level.
     */
    public static RgbCrop fromTensor(float[] chw, InputSpec spec) {
        int size = spec.size();
        int plane = size * size;
        if (chw.length != 3 * plane) {
            throw new IllegalArgumentException("A " + size + "x" + size + " tensor needs " + 3 * plane
                    + " floats, got " + chw.length);
        }
        int[] rgb = new int[plane];
        for (int c = 0; c < 3; c++) {
            double mean = spec.mean().get(c);
            double std = spec.std().get(c);
            int shift = 16 - 8 * c;
            for (int i = 0; i < plane; i++) {
                long level = Math.round((chw[c * plane + i] * std + mean) * 255.0);
                rgb[i] |= (int) Math.max(0, Math.min(255, level)) << shift;
            }
        }
        return new RgbCrop(size, rgb);
    }

    public int size() {
        return size;
    }

    /** Packed {@code 0xRRGGBB} at column {@code x}, row {@code y}. */
    public int rgb(int x, int y) {
        return rgb[y * size + x];
    }
}
