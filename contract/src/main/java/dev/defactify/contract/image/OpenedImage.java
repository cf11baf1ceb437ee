package dev.defactify.contract.image;

import dev.defactify.contract.image.ImageRejection.TooManyBytes;
import dev.defactify.contract.image.ImageRejection.TooManyPixels;
import dev.defactify.contract.image.ImageRejection.Undecodable;
import dev.defactify.contract.image.ImageRejection.UnsupportedFormat;

import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An ImageIO reader positioned on encoded bytes whose header has been read and checked against the
 * limits, and nothing more. The probe stops here; the decoder goes on to read the pixels.
 */
final class OpenedImage implements AutoCloseable {
    private final ImageReader reader;
    private final BoundedImageInputStream stream;
    private final ImageHeader header;

    private OpenedImage(ImageReader reader, BoundedImageInputStream stream, ImageHeader header) {
        this.reader = reader;
        this.stream = stream;
        this.header = header;
    }

    /** Checks size and signature, reads the header, and refuses anything over the limits. */
    static OpenedImage open(byte[] encoded, ImageLimits limits) throws ImageRejectedException {
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.length > limits.maxBytes()) {
            throw new ImageRejectedException(new TooManyBytes(encoded.length, limits.maxBytes()));
        }
        ImageFormat format = ImageFormat.sniff(encoded).orElseThrow(() -> new ImageRejectedException(
                new UnsupportedFormat(describeSignature(encoded))));
        ImageReader reader = ReaderChoice.readerFor(format).orElseThrow(() -> new ImageRejectedException(
                new Undecodable(format, "no ImageIO reader is installed for it")));
        BoundedImageInputStream stream = new BoundedImageInputStream(encoded);
        try {
            // Forward-only and no metadata: we read one image once, and metadata trees cost time.
            reader.setInput(stream, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw new ImageRejectedException(
                        new Undecodable(format, "header gives dimensions " + width + "x" + height));
            }
            if ((long) width * height > limits.maxPixels()) {
                throw new ImageRejectedException(new TooManyPixels(width, height, limits.maxPixels()));
            }
            return new OpenedImage(reader, stream, new ImageHeader(format, width, height));
        } catch (ImageRejectedException e) {
            dispose(reader, stream);
            throw e;
        } catch (IOException | RuntimeException e) {
            // Readers throw anything from IIOException to NegativeArraySizeException on hostile input.
            dispose(reader, stream);
            throw undecodable(format, e);
        }
    }

    ImageHeader header() {
        return header;
    }

    /**
     * Decodes the first image (the first frame of a GIF), keeping every {@code subsampling}-th pixel
     * of every {@code subsampling}-th row as stored (before any EXIF orientation), starting from
     * {@link DecodeResolution#offset}; 1 reads every pixel.
     */
    BufferedImage readFirstImage(int subsampling) throws ImageRejectedException {
        try {
            ImageReadParam param = reader.getDefaultReadParam();
            if (subsampling > 1) {
                int offset = DecodeResolution.offset(subsampling);
                param.setSourceSubsampling(subsampling, subsampling, offset, offset);
            }
            BufferedImage image = reader.read(0, param);
            if (image == null) {
                throw new ImageRejectedException(new Undecodable(header.format(), "the reader returned no image"));
            }
            return image;
        } catch (IOException | RuntimeException e) {
            throw undecodable(header.format(), e);
        }
    }

    /** The fault in the API's words; the reader's own exception stays attached as the cause, for the log. */
    static ImageRejectedException undecodable(ImageFormat format, Exception cause) {
        return new ImageRejectedException(new Undecodable(format, DecodeFault.of(format, cause).description()), cause);
    }

    @Override
    public void close() {
        dispose(reader, stream);
    }

    private static void dispose(ImageReader reader, BoundedImageInputStream stream) {
        reader.dispose();
        try {
            stream.close();
        } catch (IOException ignored) {
            // An in-memory stream has nothing to release; closing cannot meaningfully fail.
        }
    }

    private static String describeSignature(byte[] encoded) {
        if (encoded.length == 0) {
            return "the input is empty";
        }
        int shown = Math.min(encoded.length, 8);
        return "unrecognised leading bytes " + HexFormat.ofDelimiter(" ").formatHex(encoded, 0, shown);
    }
}
