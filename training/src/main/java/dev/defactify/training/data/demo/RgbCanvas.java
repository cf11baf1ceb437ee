package dev.defactify.training.data.demo;

import java.awt.image.BufferedImage;

/**
 * A floating-point RGB image, values nominally 0..255. Fingerprints are fractions of a grey level, so they must be
 * added before the single rounding to 8 bits, not after.
 */
final class RgbCanvas {

    final int width;
    final int height;
    final float[] red;
    final float[] green;
    final float[] blue;

    RgbCanvas(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("canvas size must be positive, was " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.red = new float[width * height];
        this.green = new float[width * height];
        this.blue = new float[width * height];
    }

    int index(int x, int y) {
        return y * width + x;
    }

    float[] channel(int c) {
        return switch (c) {
            case 0 -> red;
            case 1 -> green;
            case 2 -> blue;
            default -> throw new IllegalArgumentException("channel " + c + " is not 0, 1 or 2");
        };
    }

    void set(int i, double r, double g, double b) {
        red[i] = (float) r;
        green[i] = (float) g;
        blue[i] = (float) b;
    }

    RgbCanvas copy() {
        RgbCanvas copy = new RgbCanvas(width, height);
        System.arraycopy(red, 0, copy.red, 0, red.length);
        System.arraycopy(green, 0, copy.green, 0, green.length);
        System.arraycopy(blue, 0, copy.blue, 0, blue.length);
        return copy;
    }

    /** Rounds to 8 bits once, clamping the excursions that noise and boosts produce at the extremes. */
    BufferedImage toImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] packed = new int[width * height];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = (toByte(red[i]) << 16) | (toByte(green[i]) << 8) | toByte(blue[i]);
        }
        image.setRGB(0, 0, width, height, packed, 0, width);
        return image;
    }

    private static int toByte(float value) {
        return Math.clamp(Math.round(value), 0, 255);
    }
}
