package dev.defactify.contract.image;

import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.Optional;

/**
 * Encoded bytes to upright RGB pixels: limits first (from the header), then decode (reduced when
 * the {@link DecodeResolution} allows), flatten alpha, apply EXIF orientation. JPEGs go through libjpeg-turbo
 * ({@link JpegBackend#LIBJPEG_TURBO}), which reduces in the DCT domain by the largest power of two the resolution
 * allows; CMYK/YCCK JPEGs, files it refuses and every other format go through ImageIO, which subsamples by the
 * integer factor. Thread-safe: each call uses its own reader.
 */
public final class ImageDecoder {
    private final ImageLimits limits;
    private final DecodeResolution resolution;
    private final JpegBackend jpeg;

    /** A decoder that always keeps every pixel. */
    public ImageDecoder(ImageLimits limits) {
        this(limits, DecodeResolution.FULL, JpegBackend.LIBJPEG_TURBO);
    }

    /** A decoder that may reduce large JPEGs; {@link ImagePreprocessor} builds one per spec. */
    ImageDecoder(ImageLimits limits, DecodeResolution resolution, JpegBackend jpeg) {
        this.limits = limits;
        this.resolution = Objects.requireNonNull(resolution, "resolution");
        this.jpeg = Objects.requireNonNull(jpeg, "jpeg");
    }

    public JpegBackend jpegBackend() {
        return jpeg;
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
            // Reduction happens in the stored orientation; the factor only depends on the shorter
            // side, which rotation does not change, and the pixels are turned upright afterwards.
            int subsampling = resolution.subsampling(header.format(), header.width(), header.height());
            int width;
            int height;
            int[] stored;
            Optional<TurboJpeg.Pixels> turbo = header.format() == ImageFormat.JPEG && jpeg.isNative()
                    // CMYK and YCCK need the colour conversion (and Adobe inversion) TwelveMonkeys does
                    && JpegSegments.componentCount(encoded) != 4
                    ? TurboJpeg.decode(encoded, TurboJpeg.reductionFor(subsampling)) : Optional.empty();
            if (turbo.isPresent()) {
                subsampling = TurboJpeg.reductionFor(subsampling);
                width = turbo.get().width();
                height = turbo.get().height();
                stored = turbo.get().rgb();
            } else {
                BufferedImage image = opened.readFirstImage(subsampling);
                width = image.getWidth();
                height = image.getHeight();
                try {
                    stored = PixelUnpacker.toRgb(image);
                } catch (RuntimeException e) {
                    throw OpenedImage.undecodable(header.format(), e);
                }
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
