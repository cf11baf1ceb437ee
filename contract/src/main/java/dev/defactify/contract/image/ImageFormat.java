package dev.defactify.contract.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The encodings we accept. The format is always sniffed from the leading bytes: a client's content
 * type or file extension is a claim, the magic number is evidence.
 */
public enum ImageFormat {
    JPEG("jpeg"),
    PNG("png"),
    WEBP("webp"),
    GIF("gif"),
    BMP("bmp");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** BITMAPCOREHEADER through BITMAPV5HEADER: "BM" alone is too weak a signature to trust. */
    private static final List<Integer> BMP_INFO_HEADER_SIZES = List.of(12, 16, 40, 52, 56, 64, 108, 124);

    private final String slug;

    ImageFormat(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    /** The format whose signature starts {@code encoded}, or empty when none matches. */
    public static Optional<ImageFormat> sniff(byte[] encoded) {
        if (startsWith(encoded, 0, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return Optional.of(JPEG);
        }
        if (startsWith(encoded, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(encoded, 0, ascii("GIF87a")) || startsWith(encoded, 0, ascii("GIF89a"))) {
            return Optional.of(GIF);
        }
        if (startsWith(encoded, 0, ascii("RIFF")) && startsWith(encoded, 8, ascii("WEBP"))) {
            return Optional.of(WEBP);
        }
        if (startsWith(encoded, 0, ascii("BM")) && encoded.length >= 18
                && BMP_INFO_HEADER_SIZES.contains(littleEndianInt(encoded, 14))) {
            return Optional.of(BMP);
        }
        return Optional.empty();
    }

    /** The slugs of every accepted format, for error messages. */
    public static List<String> slugs() {
        return Arrays.stream(values()).map(ImageFormat::slug).toList();
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        if (data.length < offset + prefix.length) {
            return false;
        }
        return Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static int littleEndianInt(byte[] data, int offset) {
        return (data[offset] & 0xFF) | (data[offset + 1] & 0xFF) << 8
                | (data[offset + 2] & 0xFF) << 16 | (data[offset + 3] & 0xFF) << 24;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
