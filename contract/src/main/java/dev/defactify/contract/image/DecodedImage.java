package dev.defactify.contract.image;

import java.util.Objects;

/**
 * Upright pixels of a decoded image: {@code width x height} packed {@code 0xRRGGBB} ints, row-major,
 * alpha already flattened and {@code orientation} (from EXIF) already applied.
 * {@code encodedWidth/encodedHeight} are the full-resolution dimensions as stored in the file
 * (swapped relative to the upright ones for orientations 5-8). {@code subsampling} is the factor k
 * the decoder kept every k-th pixel and row with (see {@link DecodeResolution}); 1 means every pixel.
 *
 * <p>The array is shared, not copied, to keep a 40-megapixel decode from doubling in memory; treat it
 * as read-only. Record equality compares the array by identity.
 */
public record DecodedImage(ImageFormat format, int width, int height, int[] rgb,
                           int encodedWidth, int encodedHeight, Orientation orientation, int subsampling) {

    public DecodedImage {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(rgb, "rgb");
        Objects.requireNonNull(orientation, "orientation");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("dimensions must be positive, got " + width + "x" + height);
        }
        if (encodedWidth <= 0 || encodedHeight <= 0) {
            throw new IllegalArgumentException("encoded dimensions must be positive, got "
                    + encodedWidth + "x" + encodedHeight);
        }
        if (subsampling < 1) {
            throw new IllegalArgumentException("subsampling must be at least 1, got " + subsampling);
        }
        if (rgb.length != (long) width * height) {
            throw new IllegalArgumentException("expected " + (long) width * height + " pixels, got " + rgb.length);
        }
    }

    /** An image built in memory rather than decoded: upright, full resolution, as stored. */
    public static DecodedImage of(ImageFormat format, int width, int height, int[] rgb) {
        return new DecodedImage(format, width, height, rgb, width, height, Orientation.NORMAL, 1);
    }

    /** Upright width of the full-resolution image; {@link #width()} unless subsampled. */
    public int sourceWidth() {
        return orientation.swapsAxes() ? encodedHeight : encodedWidth;
    }

    /** Upright height of the full-resolution image; {@link #height()} unless subsampled. */
    public int sourceHeight() {
        return orientation.swapsAxes() ? encodedWidth : encodedHeight;
    }

    /** The packed {@code 0xRRGGBB} pixel at column x, row y. */
    public int rgbAt(int x, int y) {
        return rgb[y * width + x];
    }
}
