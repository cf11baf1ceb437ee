package dev.defactify.contract.image;

/**
 * Walks the marker segments at the head of a JPEG (everything before the first scan): orientation, colour
 * components and the provenance metadata are all read through this one walker. Every length
 * comes from the file, so every one is bounds-checked; a malformed head simply ends the walk.
 */
public final class JpegSegments {
    static final int MARKER_SOS = 0xDA;
    static final int MARKER_EOI = 0xD9;

    /** Sees one segment's payload, {@code [dataStart, dataEnd)}; returns false to stop the walk. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(int marker, int dataStart, int dataEnd);
    }

    private JpegSegments() {
    }

    /**
     * Calls {@code visitor} for each segment before the first scan.
     *
     * @return the index of the first SOS marker, or -1 when the walk stopped before reaching one
     */
    public static int walk(byte[] jpeg, Visitor visitor) {
        int position = 2; // after SOI
        while (position + 4 <= jpeg.length) {
            if ((jpeg[position] & 0xFF) != 0xFF) {
                return -1;
            }
            int marker = jpeg[position + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte before a marker
                position++;
                continue;
            }
            if (marker == MARKER_SOS) {
                return position;
            }
            if (marker == MARKER_EOI) {
                return -1;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) {
                position += 2; // markers without a length
                continue;
            }
            int length = (jpeg[position + 2] & 0xFF) << 8 | jpeg[position + 3] & 0xFF;
            int dataEnd = position + 2 + length;
            if (length < 2 || dataEnd > jpeg.length) {
                return -1;
            }
            if (!visitor.visit(marker, position + 4, dataEnd)) {
                return -1;
            }
            position = dataEnd;
        }
        return -1;
    }

    /**
     * The number of colour components the frame header (SOF) declares: 1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK; 0 when there
     * is no readable frame header before the first scan.
     */
    static int componentCount(byte[] jpeg) {
        int[] components = {0};
        walk(jpeg, (marker, start, end) -> {
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame && end - start >= 6) {
                components[0] = jpeg[start + 5] & 0xFF;
                return false;
            }
            return true;
        });
        return components[0];
    }

    /**
     * True when an end-of-image marker follows the first scan. Entropy-coded data never contains
     * FF D9 (a data FF is always stuffed as FF 00), so its absence means the file was cut short.
     * We need this because the JPEG readers only warn about truncation and fill the rest with grey,
     * which would hand the model a half-grey image instead of an error.
     */
    static boolean endsAfterScan(byte[] jpeg) {
        int scan = walk(jpeg, (marker, start, end) -> true);
        if (scan < 0) {
            return false;
        }
        for (int i = jpeg.length - 2; i > scan; i--) {
            if (jpeg[i] == (byte) 0xFF && jpeg[i + 1] == (byte) MARKER_EOI) {
                return true;
            }
        }
        return false;
    }
}
