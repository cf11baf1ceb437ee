package dev.defactify.contract.image;

/**
 * How much resolution a decode must keep. A 12-megapixel phone photo decoded in full costs a
 * 48 MB pixel array and most of the request's time, only for the resize to average 13 x 13 pixels
 * into each of 224 x 224 outputs. So when the shorter side is at least twice
 * {@code minShorterSide}, the JPEG reader keeps only every k-th pixel of every k-th row (ImageIO
 * source subsampling, integer {@code k >= 2}), with k the largest factor that still leaves a
 * shorter side of at least {@code minShorterSide}; the antialiasing resize then works from that.
 *
 * <p>This changes the tensor of large images (point samples, not area averages, feed the final
 * filter), which is acceptable only because training and serving both decode through this rule:
 * the factor depends on nothing but the stored dimensions, the format and the {@link InputSpec}.
 *
 * <p>Only JPEG: the JDK's PNG reader still inflates and unfilters every row, and measured no faster
 * subsampled (about 200 ms either way for 2000 x 1500), so PNG would pay the changed tensor for nothing.
 *
 * @param minShorterSide the shortest acceptable shorter side after subsampling; 0 disables it
 */
record DecodeResolution(int minShorterSide) {
    /** Every pixel, always. */
    static final DecodeResolution FULL = new DecodeResolution(0);

    DecodeResolution {
        if (minShorterSide < 0) {
            throw new IllegalArgumentException("minShorterSide must not be negative, got " + minShorterSide);
        }
    }

    /**
     * Twice the input size for resize-shorter-then-center-crop, so the final filter still shrinks by
     * at least 2 and averages several samples per output. Center-crop keeps native pixels by design
     * (generator artefacts are high frequencies), so it is never subsampled.
     */
    static DecodeResolution forSpec(InputSpec spec) {
        return switch (spec.policy()) {
            case RESIZE_SHORTER_THEN_CENTER_CROP -> new DecodeResolution(2 * spec.size());
            case CENTER_CROP -> FULL;
        };
    }

    /** The subsampling factor k for an image stored as {@code width x height}; 1 means full resolution. */
    int subsampling(ImageFormat format, int width, int height) {
        if (minShorterSide == 0 || format != ImageFormat.JPEG) {
            return 1;
        }
        int k = Math.min(width, height) / minShorterSide;
        return k >= 2 ? k : 1;
    }

    /**
     * Which sample of each k-pixel block is kept: the middle one (the lower middle for even k), so the
     * subsampled grid sits over the block centres instead of being shifted (k - 1) / 2 pixels to the
     * top left. The subsampled side is {@code ceil((side - offset) / k)}, still at least
     * {@code minShorterSide} because {@code offset < k / 2}.
     */
    static int offset(int k) {
        return (k - 1) / 2;
    }
}
