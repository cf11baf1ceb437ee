package dev.defactify.contract.image;

import java.util.Optional;

/**
 * The TIFF structure of an EXIF block: its byte order, and reads relative to its first byte (where every TIFF offset
 * counts from). One reading of the header for the orientation here and for provenance's Software and UserComment.
 * Reads are not bounds-checked: every offset comes from the file, so callers check it against {@link #length()} first.
 */
public final class ExifTiff {
    private static final int HEADER_BYTES = 8;
    private static final int MAGIC = 42;

    private final byte[] data;
    private final int start;
    private final int length;
    private final boolean littleEndian;

    private ExifTiff(byte[] data, int start, int end, boolean littleEndian) {
        this.data = data;
        this.start = start;
        this.length = end - start;
        this.littleEndian = littleEndian;
    }

    /** Why {@code [start, end)} of {@code data} is no TIFF structure, in the API's words; empty when it is one. */
    public static Optional<String> problem(byte[] data, int start, int end) {
        if (end - start < HEADER_BYTES) {
            return Optional.of("EXIF block is too short for a TIFF header; not read");
        }
        boolean intel = data[start] == 'I' && data[start + 1] == 'I';
        if (!intel && !(data[start] == 'M' && data[start + 1] == 'M')) {
            return Optional.of("EXIF block has no TIFF byte order mark; not read");
        }
        if (new ExifTiff(data, start, end, intel).u16(2) != MAGIC) {
            return Optional.of("EXIF block is not a TIFF structure; not read");
        }
        return Optional.empty();
    }

    /** The TIFF structure spanning {@code [start, end)}, when the header says it is one. */
    public static Optional<ExifTiff> open(byte[] data, int start, int end) {
        if (problem(data, start, end).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new ExifTiff(data, start, end, data[start] == 'I'));
    }

    public boolean littleEndian() {
        return littleEndian;
    }

    public int length() {
        return length;
    }

    /** Where IFD0 starts, as the header says (unchecked). */
    public long firstIfdOffset() {
        return u32(4);
    }

    public int u16(long offset) {
        int at = start + (int) offset;
        int first = data[at] & 0xFF;
        int second = data[at + 1] & 0xFF;
        return littleEndian ? first | second << 8 : first << 8 | second;
    }

    public long u32(long offset) {
        long first = u16(offset);
        long second = u16(offset + 2);
        return littleEndian ? second << 16 | first : first << 16 | second;
    }
}
