package dev.defactify.contract.provenance;

import dev.defactify.contract.image.ExifTiff;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The two EXIF fields that can name the software behind an image: IFD0's {@code Software} and the Exif IFD's
 * {@code UserComment} (where Automatic1111 writes its generation parameters into JPEG and WebP files). Every offset
 * and count comes from the file, so each is checked against the TIFF bytes in long arithmetic before it is used, and
 * only IFD0 and the one Exif IFD it points to are visited: there is no chain to follow, hence no loop to run.
 *
 * @param notes what could not be read and why
 */
record ExifFields(Optional<String> software, Optional<String> userComment, List<String> notes) {
    private static final int TAG_SOFTWARE = 0x0131;
    private static final int TAG_EXIF_IFD = 0x8769;
    private static final int TAG_USER_COMMENT = 0x9286;
    private static final int TYPE_BYTE = 1;
    private static final int TYPE_ASCII = 2;
    private static final int TYPE_LONG = 4;
    private static final int TYPE_UNDEFINED = 7;
    private static final int TYPE_IFD = 13;
    private static final int ENTRY_BYTES = 12;
    private static final int MAX_SOFTWARE_BYTES = 1024;
    private static final int CHARACTER_CODE_BYTES = 8;
    private static final byte[] CODE_ASCII = {'A', 'S', 'C', 'I', 'I', 0, 0, 0};
    private static final byte[] CODE_UNICODE = {'U', 'N', 'I', 'C', 'O', 'D', 'E', 0};
    private static final byte[] CODE_UNDEFINED = new byte[CHARACTER_CODE_BYTES];

    ExifFields {
        notes = List.copyOf(notes);
    }

    /**
     * @param tiff            the TIFF structure (after JPEG's "Exif\0\0")
     * @param maxCommentBytes the longest UserComment read; a longer one is left out with a note
     */
    static ExifFields read(byte[] tiff, int maxCommentBytes) {
        return new Reader(tiff, maxCommentBytes).read();
    }

    private static final class Reader {
        private final byte[] tiff;
        private final int maxCommentBytes;
        private final List<String> notes = new ArrayList<>();
        private ExifTiff structure;
        private String software;
        private String userComment;

        Reader(byte[] tiff, int maxCommentBytes) {
            this.tiff = tiff;
            this.maxCommentBytes = maxCommentBytes;
        }

        ExifFields read() {
            Optional<String> problem = ExifTiff.problem(tiff, 0, tiff.length);
            if (problem.isPresent()) {
                return finish(problem.get());
            }
            structure = ExifTiff.open(tiff, 0, tiff.length).orElseThrow();
            long ifd0 = structure.firstIfdOffset();
            Long exifIfd = readIfd(ifd0, true);
            if (exifIfd != null) {
                if (exifIfd == ifd0) {
                    notes.add("EXIF IFD pointer points back at IFD0; not followed");
                } else {
                    readIfd(exifIfd, false);
                }
            }
            return finish(null);
        }

        private ExifFields finish(String note) {
            if (note != null) {
                notes.add(note);
            }
            return new ExifFields(Optional.ofNullable(software), Optional.ofNullable(userComment), notes);
        }

        /** Reads one IFD; for IFD0 returns the Exif IFD's offset when it has one. */
        private Long readIfd(long offset, boolean ifd0) {
            String which = ifd0 ? "IFD0" : "Exif IFD";
            if (offset < 8 || offset + 2 > tiff.length) {
                notes.add("EXIF " + which + " offset is past the end of the EXIF block; not read");
                return null;
            }
            int at = (int) offset;
            int entries = structure.u16(at);
            if (at + 2L + (long) entries * ENTRY_BYTES > tiff.length) {
                notes.add("EXIF " + which + " runs past the end of the EXIF block; not read");
                return null;
            }
            Long exifIfd = null;
            for (int i = 0; i < entries; i++) {
                int entry = at + 2 + i * ENTRY_BYTES;
                int tag = structure.u16(entry);
                int type = structure.u16(entry + 2);
                long count = structure.u32(entry + 4);
                if (ifd0 && tag == TAG_SOFTWARE && (type == TYPE_ASCII || type == TYPE_BYTE)) {
                    byte[] value = value(entry, count, MAX_SOFTWARE_BYTES, "Software");
                    software = value == null ? null : blankToNull(cut(value, StandardCharsets.UTF_8));
                } else if (ifd0 && tag == TAG_EXIF_IFD && (type == TYPE_LONG || type == TYPE_IFD) && count == 1) {
                    exifIfd = structure.u32(entry + 8);
                } else if (!ifd0 && tag == TAG_USER_COMMENT && type == TYPE_UNDEFINED) {
                    byte[] value = value(entry, count, maxCommentBytes, "UserComment");
                    userComment = value == null ? null : blankToNull(comment(value));
                }
            }
            return exifIfd;
        }

        /** The bytes of a byte-sized value: inside the entry when they fit in four, else at the offset it holds. */
        private byte[] value(int entry, long count, int max, String name) {
            if (count > max) {
                notes.add(MetadataBlocks.tooLarge("EXIF " + name, count, max));
                return null;
            }
            long start = count <= 4 ? entry + 8 : structure.u32(entry + 8);
            if (start + count > tiff.length) {
                notes.add("EXIF " + name + " lies past the end of the EXIF block; not read");
                return null;
            }
            return Arrays.copyOfRange(tiff, (int) start, (int) (start + count));
        }

        /** A UserComment: an 8-byte character code, then the text in it. */
        private String comment(byte[] value) {
            if (value.length < CHARACTER_CODE_BYTES) {
                return null;
            }
            byte[] code = Arrays.copyOf(value, CHARACTER_CODE_BYTES);
            byte[] text = Arrays.copyOfRange(value, CHARACTER_CODE_BYTES, value.length);
            if (Arrays.equals(code, CODE_UNICODE)) {
                return cut(text, unicodeCharset(text));
            }
            if (Arrays.equals(code, CODE_ASCII) || Arrays.equals(code, CODE_UNDEFINED)) {
                // "ASCII" is what the standard says; writers put UTF-8 there, which reads the same for ASCII.
                return cut(text, StandardCharsets.UTF_8);
            }
            return null; // JIS, or a code no generator writes
        }

        /**
         * The standard says the TIFF's byte order, but writers disagree (piexif, which Automatic1111 uses, always
         * writes big-endian), so a byte order mark, or a first character whose zero byte shows the order, wins.
         */
        private Charset unicodeCharset(byte[] text) {
            if (text.length >= 2) {
                int first = text[0] & 0xFF;
                int second = text[1] & 0xFF;
                if (first == 0xFE && second == 0xFF || first == 0xFF && second == 0xFE) {
                    return StandardCharsets.UTF_16; // reads the mark and drops it
                }
                if (first == 0 && second != 0) {
                    return StandardCharsets.UTF_16BE;
                }
                if (first != 0 && second == 0) {
                    return StandardCharsets.UTF_16LE;
                }
            }
            return structure.littleEndian() ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
        }
    }

    /** Text up to its first NUL: C strings and zero-padded comment fields both end there. */
    private static String cut(byte[] bytes, Charset charset) {
        String text = new String(bytes, charset);
        int nul = text.indexOf('\0');
        return (nul >= 0 ? text.substring(0, nul) : text).trim();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
