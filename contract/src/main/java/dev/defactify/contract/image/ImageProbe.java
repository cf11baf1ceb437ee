package dev.defactify.contract.image;

/**
 * Reads format and dimensions from the header alone, so a server can refuse a decompression bomb
 * (or route a huge image elsewhere) before spending memory on its pixels.
 */
public final class ImageProbe {
    private final ImageLimits limits;

    public ImageProbe(ImageLimits limits) {
        this.limits = limits;
    }

    /**
     * @throws ImageRejectedException when the bytes or the header's pixel count exceed the limits, the
     *                                signature is unknown, or the header cannot be read
     */
    public ImageHeader probe(byte[] encoded) throws ImageRejectedException {
        try (OpenedImage opened = OpenedImage.open(encoded, limits)) {
            return opened.header();
        }
    }
}
