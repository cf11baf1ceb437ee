package dev.defactify.contract.image;

/**
 * The largest input we agree to decode. Pixels are checked from the header before any pixel buffer
 * exists, because a few hundred bytes of PNG can claim a 100 000 x 100 000 image.
 */
public record ImageLimits(long maxBytes, long maxPixels) {
    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

    public ImageLimits {
        if (maxBytes <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("image limits must be positive, got maxBytes=" + maxBytes
                    + " maxPixels=" + maxPixels);
        }
    }

    /** 20 MiB and 40 megapixels. */
    public static ImageLimits defaults() {
        return new ImageLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS);
    }
}
