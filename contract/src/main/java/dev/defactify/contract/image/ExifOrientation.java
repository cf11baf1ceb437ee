package dev.defactify.contract.image;

/**
 * Reads the orientation tag from a JPEG's APP1 Exif segment. Hand-parsed rather than through a
 * metadata library because we need two bytes out of it, and because every offset in it comes from
 * the (possibly hostile) file: each one is bounds-checked, and anything malformed means "as stored".
 */
final class ExifOrientation {
    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;
    private static final int MARKER_APP1 = 0xE1;
    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};

    private ExifOrientation() {
    }

    static Orientation of(byte[] jpeg) {
        Orientation[] found = {Orientation.NORMAL};
        JpegSegments.walk(jpeg, (marker, start, end) -> {
            if (marker == MARKER_APP1 && startsWithExifHeader(jpeg, start, end)) {
                found[0] = fromTiff(jpeg, start + EXIF_HEADER.length, end);
                return false;
            }
            return true;
        });
        return found[0];
    }

    /** Looks for the orientation tag in IFD0 of the TIFF structure spanning {@code [tiff, end)}. */
    private static Orientation fromTiff(byte[] data, int tiff, int end) {
        if (tiff + 8 > end) {
            return Orientation.NORMAL;
        }
        boolean littleEndian;
        if (data[tiff] == 'I' && data[tiff + 1] == 'I') {
            littleEndian = true;
        } else if (data[tiff] == 'M' && data[tiff + 1] == 'M') {
            littleEndian = false;
        } else {
            return Orientation.NORMAL;
        }
        if (unsignedShort(data, tiff + 2, littleEndian) != 42) {
            return Orientation.NORMAL;
        }
        long ifdOffset = unsignedInt(data, tiff + 4, littleEndian);
        if (ifdOffset < 8 || tiff + ifdOffset + 2 > end) {
            return Orientation.NORMAL;
        }
        int ifd = (int) (tiff + ifdOffset);
        int entries = unsignedShort(data, ifd, littleEndian);
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                return Orientation.NORMAL;
            }
            if (unsignedShort(data, entry, littleEndian) == ORIENTATION_TAG) {
                if (unsignedShort(data, entry + 2, littleEndian) != TYPE_SHORT) {
                    return Orientation.NORMAL;
                }
                // A single SHORT sits left-aligned in the 4-byte value field.
                return Orientation.ofExif(unsignedShort(data, entry + 8, littleEndian));
            }
        }
        return Orientation.NORMAL;
    }

    private static boolean startsWithExifHeader(byte[] data, int start, int end) {
        if (start + EXIF_HEADER.length > end) {
            return false;
        }
        for (int i = 0; i < EXIF_HEADER.length; i++) {
            if (data[start + i] != EXIF_HEADER[i]) {
                return false;
            }
        }
        return true;
    }

    private static int unsignedShort(byte[] data, int offset, boolean littleEndian) {
        int first = data[offset] & 0xFF;
        int second = data[offset + 1] & 0xFF;
        return littleEndian ? first | second << 8 : first << 8 | second;
    }

    private static long unsignedInt(byte[] data, int offset, boolean littleEndian) {
        long high = unsignedShort(data, offset + (littleEndian ? 2 : 0), littleEndian);
        long low = unsignedShort(data, offset + (littleEndian ? 0 : 2), littleEndian);
        return high << 16 | low;
    }
}
