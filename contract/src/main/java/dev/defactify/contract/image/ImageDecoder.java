package dev.defactify.contract.image;

import java.awt.image.BufferedImage;

/**
 * Encoded bytes to upright RGB pixels: limits first (from the header), then decode, flatten alpha,
 * apply EXIF orientation. Thread-safe: each call uses its own ImageIO reader.
 */
public final class ImageDecoder {
    private final ImageLimits limits;

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    public ImageLimits limits() {
        return limits;
    }

    /**
     * @throws ImageRejectedException for anything we cannot or will not decode; no exception from the
     *                                underlying readers escapes in any other form
     */
    public DecodedImage decode(byte[] encoded) throws ImageRejectedException {
        try (OpenedImage opened = OpenedImage.open(encoded, limits)) {
            ImageHeader header = opened.header();
            if (header.format() == ImageFormat.JPEG && !JpegSegments.endsAfterScan(encoded)) {
                throw new ImageRejectedException(new ImageRejection.Undecodable(ImageFormat.JPEG,
                        "truncated: no end-of-image marker after the scan data"));
            }
            BufferedImage image = opened.readFirstImage();
            int width = image.getWidth();
            int height = image.getHeight();
            int[] stored;
            try {
                stored = PixelUnpacker.toRgb(image);
            } catch (RuntimeException e) {
                throw OpenedImage.undecodable(header.format(), e);
            }
            Orientation orientation = header.format() == ImageFormat.JPEG
                    ? ExifOrientation.of(encoded) : Orientation.NORMAL;
            int[] upright = orientation.apply(stored, width, height);
            return orientation.swapsAxes()
                    ? new DecodedImage(header.format(), height, width, upright, width, height)
                    : new DecodedImage(header.format(), width, height, upright, width, height);
        }
    }
}
