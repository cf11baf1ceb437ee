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
        return decode(encoded, 0);
    }

    /**
     * Like {@link #decode}, but where libjpeg-turbo decodes a full-resolution JPEG at least {@code side} pixels on each
     * upright side, only the centred {@code side x side} window (the one center-crop keeps) is copied out of the
     * decoder and turned upright: its pixels are exactly that window of {@link #decode}'s image, without a
     * 48 MB array for a 12-Mpx photo. Anything else is decoded in full.
     */
    public DecodedImage decodeCentre(byte[] encoded, int side) throws ImageRejectedException {
        if (side < 1) {
            throw new IllegalArgumentException("side must be positive, got " + side);
        }
        return decode(encoded, side);
    }

    private DecodedImage decode(byte[] encoded, int centreSide) throws ImageRejectedException {
        try (OpenedImage opened = OpenedImage.open(encoded, limits)) {
            ImageHeader header = opened.header();
            if (header.format() == ImageFormat.JPEG && !JpegSegments.endsAfterScan(encoded)) {
                throw new ImageRejectedException(new ImageRejection.Undecodable(ImageFormat.JPEG,
                        "truncated: no end-of-image marker after the scan data"));
            }
            Orientation orientation = header.format() == ImageFormat.JPEG
                    ? ExifOrientation.of(encoded) : Orientation.NORMAL;
            // Reduction happens in the stored orientation; the factor only depends on the shorter
            // side, which rotation does not change, and the pixels are turned upright afterwards.
            int subsampling = resolution.subsampling(header.format(), header.width(), header.height());
            boolean viaTurbo = header.format() == ImageFormat.JPEG && jpeg.isNative()
                    // CMYK and YCCK need the colour conversion (and Adobe inversion) TwelveMonkeys does
                    && JpegSegments.componentCount(encoded) != 4;
            TurboJpeg.Region window = centreSide > 0 && viaTurbo && subsampling == 1
                    ? centredWindow(header, orientation, centreSide) : null;
            int reduction = TurboJpeg.reductionFor(subsampling);
            Optional<TurboJpeg.Pixels> turbo = viaTurbo
                    ? TurboJpeg.decode(encoded, reduction, window) : Optional.empty();
            int width;
            int height;
            int[] stored;
            if (turbo.isPresent()) {
                subsampling = reduction;
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
            int[] upright = orientation.apply(stored, width, height);
            return orientation.swapsAxes()
                    ? new DecodedImage(header.format(), height, width, upright,
                            header.width(), header.height(), orientation, subsampling)
                    : new DecodedImage(header.format(), width, height, upright,
                            header.width(), header.height(), orientation, subsampling);
        }
    }

    /**
     * The stored-orientation rectangle that becomes center-crop's window once turned upright, or null when the image
     * is too small for one (center-crop then scales it up, from the whole image).
     */
    private static TurboJpeg.Region centredWindow(ImageHeader header, Orientation orientation, int side) {
        int uprightWidth = orientation.swapsAxes() ? header.height() : header.width();
        int uprightHeight = orientation.swapsAxes() ? header.width() : header.height();
        if (uprightWidth < side || uprightHeight < side) {
            return null;
        }
        ResizePlan plan = ResizePolicy.CENTER_CROP.plan(uprightWidth, uprightHeight, side);
        int[] first = orientation.storedPosition((int) plan.cropX(), (int) plan.cropY(), header.width(),
                header.height());
        int[] last = orientation.storedPosition((int) plan.cropX() + side - 1, (int) plan.cropY() + side - 1,
                header.width(), header.height());
        return new TurboJpeg.Region(Math.min(first[0], last[0]), Math.min(first[1], last[1]), side, side);
    }
}
