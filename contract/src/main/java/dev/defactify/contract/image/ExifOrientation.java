package dev.defactify.contract.image;

import java.util.Optional;

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
        Optional<ExifTiff> opened = ExifTiff.open(data, tiff, end);
        if (opened.isEmpty()) {
            return Orientation.NORMAL;
        }
        ExifTiff structure = opened.get();
        long ifd = structure.firstIfdOffset();
        if (ifd < 8 || ifd + 2 > structure.length()) {
            return Orientation.NORMAL;
        }
        int entries = structure.u16(ifd);
        for (int i = 0; i < entries; i++) {
            long entry = ifd + 2 + 12L * i;
            if (entry + 12 > structure.length()) {
                return Orientation.NORMAL;
            }
            if (structure.u16(entry) == ORIENTATION_TAG) {
                if (structure.u16(entry + 2) != TYPE_SHORT) {
                    return Orientation.NORMAL;
                }
                // A single SHORT sits left-aligned in the 4-byte value field.
                return Orientation.ofExif(structure.u16(entry + 8));
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
}
