package dev.defactify.contract.image;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Encoded bytes to upright RGB pixels: limits first (from the header), then decode (subsampled when
 * the {@link DecodeResolution} allows), flatten alpha, apply EXIF orientation. Thread-safe: each call
 * uses its own ImageIO reader.
 */
public final class ImageDecoder {
    private final ImageLimits limits;
    private final DecodeResolution resolution;

    /** A decoder that always keeps every pixel. */
    public ImageDecoder(ImageLimits limits) {
        this(limits, DecodeResolution.FULL);
    }

    /** A decoder that may subsample large JPEGs; {@link ImagePreprocessor} builds one per spec. */
    ImageDecoder(ImageLimits limits, DecodeResolution resolution) {
        this.limits = limits;
        this.resolution = Objects.requireNonNull(resolution, "resolution");
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
            // Subsampling happens in the stored orientation; the factor only depends on the shorter
            // side, which rotation does not change, and the pixels are turned upright afterwards.
            int subsampling = resolution.subsampling(header.format(), header.width(), header.height());
            BufferedImage image = opened.readFirstImage(subsampling);
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
                    ? new DecodedImage(header.format(), height, width, upright,
                            header.width(), header.height(), orientation, subsampling)
                    : new DecodedImage(header.format(), width, height, upright,
                            header.width(), header.height(), orientation, subsampling);
        }
    }
}
