package dev.defactify.contract.image;

import java.util.Objects;

/**
 * Upright pixels of a decoded image: {@code width x height} packed {@code 0xRRGGBB} ints, row-major,
 * alpha already flattened and EXIF orientation already applied. {@code encodedWidth/encodedHeight}
 * are the dimensions as stored in the file (swapped relative to width/height for orientations 5-8).
 *
 * <p>The array is shared, not copied, to keep a 40-megapixel decode from doubling in memory; treat it
 * as read-only. Record equality compares the array by identity.
 */
public record DecodedImage(ImageFormat format, int width, int height, int[] rgb,
                           int encodedWidth, int encodedHeight) {

    public DecodedImage {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(rgb, "rgb");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("dimensions must be positive, got " + width + "x" + height);
        }
        if (rgb.length != (long) width * height) {
            throw new IllegalArgumentException("expected " + (long) width * height + " pixels, got " + rgb.length);
        }
    }

    /** An image built in memory rather than decoded: encoded dimensions equal the upright ones. */
    public static DecodedImage of(ImageFormat format, int width, int height, int[] rgb) {
        return new DecodedImage(format, width, height, rgb, width, height);
    }

    /** The packed {@code 0xRRGGBB} pixel at column x, row y. */
    public int rgbAt(int x, int y) {
        return rgb[y * width + x];
    }
}
