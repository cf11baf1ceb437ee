package dev.defactify.contract.image;

import java.io.EOFException;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.ZipException;

/**
 * What is wrong with an input the readers could not decode, in the API's own words. A client is told the fault of
 * its file ("truncated", "no frame header"), never a reader's class name or message: those name our libraries,
 * change between their versions, and can echo raw bytes of the input. The technical cause stays on the
 * {@link ImageRejectedException} for the log.
 *
 * <p>The readers signal faults only through exception types and English messages, so this reads both; where nothing
 * is recognised the description is still ours ({@link #MALFORMED}).
 */
enum DecodeFault {
    TRUNCATED("truncated: the data ends before the image does"),
    NO_FRAME_HEADER("no frame header: the JPEG has no start-of-frame (SOF) segment before its image data"),
    NO_SCAN("no scan: the JPEG has no start-of-scan (SOS) segment with image data"),
    MISSING_TABLES("its Huffman or quantization tables are missing or malformed"),
    MALFORMED_SEGMENT("a marker segment has a malformed length or content"),
    NOT_A_WEBP_BITSTREAM("not a WebP bitstream: a chunk header or the VP8/VP8L signature is malformed"),
    CRC_MISMATCH("a chunk fails its CRC check: the file is corrupted"),
    CORRUPT_COMPRESSED_DATA("its compressed image data is corrupt"),
    MALFORMED_HEADER("its header is malformed"),
    MALFORMED_METADATA("a metadata block is malformed"),
    HEADER_DATA_CONTRADICT("its header and its data contradict each other"),
    MALFORMED("the data is malformed");

    private final String description;

    DecodeFault(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    static DecodeFault of(ImageFormat format, Throwable cause) {
        if (causedBy(cause, EOFException.class) || cause instanceof BoundedImageInputStream.InputExhaustedException) {
            return TRUNCATED;
        }
        String message = messages(cause);
        if (message.contains("end of") || message.contains("eof") || message.contains("premature")) {
            return TRUNCATED;
        }
        DecodeFault byFormat = switch (format) {
            case JPEG -> jpeg(message);
            case PNG -> png(message, cause);
            case WEBP -> webp(message);
            case GIF -> gif(message);
            case BMP -> message.contains("header") || message.contains("bits per pixel")
                    || message.contains("compression") || message.contains("offset") || message.contains("width")
                    ? MALFORMED_HEADER : null;
        };
        if (byFormat != null) {
            return byFormat;
        }
        // NegativeArraySize, ArrayIndexOutOfBounds, IllegalArgument…: sizes read from the header do not fit the data.
        return cause instanceof RuntimeException ? HEADER_DATA_CONTRADICT : MALFORMED;
    }

    private static DecodeFault jpeg(String message) {
        if (message.contains("sof segment") || message.contains("no sof") || message.contains("missing sof")) {
            return NO_FRAME_HEADER;
        }
        if (message.contains("missing sos")) {
            return NO_SCAN;
        }
        if (message.contains("huffman") || message.contains("quantization")) {
            return MISSING_TABLES;
        }
        if (message.contains("length") || message.contains("marker") || message.contains("sampling")
                || message.contains("component")) {
            return MALFORMED_SEGMENT;
        }
        return null;
    }

    private static DecodeFault png(String message, Throwable cause) {
        if (message.contains("crc")) {
            return CRC_MISMATCH;
        }
        if (causedBy(cause, ZipException.class) || causedBy(cause, DataFormatException.class)
                || message.contains("image data") || message.contains("inflat")) {
            return CORRUPT_COMPRESSED_DATA;
        }
        if (message.contains("header")) {
            return MALFORMED_HEADER;
        }
        return message.contains("metadata") ? MALFORMED_METADATA : null;
    }

    private static DecodeFault webp(String message) {
        if (message.contains("signature") || message.contains("chunk") || message.contains("version")
                || message.contains("frame type")) {
            return NOT_A_WEBP_BITSTREAM;
        }
        return message.contains("huffman") || message.contains("corrupt") ? CORRUPT_COMPRESSED_DATA : null;
    }

    private static DecodeFault gif(String message) {
        if (message.contains("header")) {
            return MALFORMED_HEADER;
        }
        if (message.contains("metadata") || message.contains("block type")) {
            return MALFORMED_METADATA;
        }
        return message.contains("reading image") ? CORRUPT_COMPRESSED_DATA : null;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Every message along the cause chain, lower case, so a wrapped "Unexpected end of ZLIB input" is seen. */
    private static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        int depth = 0;
        for (Throwable t = error; t != null && depth < 8; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t.getMessage() != null) {
                all.append(t.getMessage().toLowerCase(Locale.ROOT)).append(" | ");
            }
        }
        return all.toString();
    }
}
