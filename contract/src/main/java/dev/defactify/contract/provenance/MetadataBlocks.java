package dev.defactify.contract.provenance;

import dev.defactify.contract.image.ImageFormat;
import dev.defactify.contract.image.JpegSegments;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata blocks of one image file, located but not interpreted: the C2PA manifest store, XMP packets, the EXIF
 * TIFF structure and PNG text chunks. Finding them walks segment or chunk headers only (never pixel data), so an
 * image without metadata costs a few header reads. Blocks over their limit are left out with a note.
 *
 * @param notes what was skipped and why, in the API's words
 */
public record MetadataBlocks(Optional<ManifestStoreBlock> manifestStore, List<byte[]> xmpPackets,
                             Optional<byte[]> exifTiff, List<PngText> pngTexts, List<String> notes) {

    private static final int JPEG_APP1 = 0xE1;
    private static final int JPEG_APP11 = 0xEB;
    private static final byte[] XMP_HEADER = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXTENDED_XMP_HEADER =
            "http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final String PNG_XMP_KEYWORD = "XML:com.adobe.xmp";

    public MetadataBlocks {
        xmpPackets = List.copyOf(xmpPackets);
        pngTexts = List.copyOf(pngTexts);
        notes = List.copyOf(notes);
    }

    public static MetadataBlocks none() {
        return new MetadataBlocks(Optional.empty(), List.of(), Optional.empty(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return manifestStore.isEmpty() && xmpPackets.isEmpty() && exifTiff.isEmpty() && pngTexts.isEmpty()
                && notes.isEmpty();
    }

    public static MetadataBlocks of(byte[] file, ImageFormat format, ProvenanceLimits limits) {
        Collector collector = new Collector(limits);
        switch (format) {
            case JPEG -> collector.jpeg(file);
            case PNG -> collector.png(file);
            case WEBP -> collector.webp(file);
            default -> {
                // BMP and the other formats have no place for provenance metadata.
            }
        }
        return collector.result();
    }

    private static final class Collector {
        private final ProvenanceLimits limits;
        private final List<byte[]> xmp = new ArrayList<>();
        private final List<PngText> texts = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private ManifestStoreBlock store;
        private byte[] exif;

        Collector(ProvenanceLimits limits) {
            this.limits = limits;
        }

        MetadataBlocks result() {
            return new MetadataBlocks(Optional.ofNullable(store), xmp, Optional.ofNullable(exif), texts, notes);
        }

        void jpeg(byte[] file) {
            // JPEG XT boxes: each APP11 segment carries 'JP', a box instance number and a packet sequence number;
            // a box split over segments repeats its LBox/TBox header in every continuation.
            Map<Integer, JumbfSegments> instances = new LinkedHashMap<>();
            JpegSegments.walk(file, (marker, start, end) -> {
                if (marker == JPEG_APP11 && end - start >= 16 && file[start] == 'J' && file[start + 1] == 'P') {
                    int instance = u16(file, start + 2);
                    long sequence = u32(file, start + 4);
                    instances.computeIfAbsent(instance, i -> new JumbfSegments())
                            .add(file, start + 8, end, sequence, new ByteRange(start - 4L, end - start + 4L));
                } else if (marker == JPEG_APP1 && startsWith(file, start, end, XMP_HEADER)) {
                    addXmp(file, start + XMP_HEADER.length, end);
                } else if (marker == JPEG_APP1 && startsWith(file, start, end, EXTENDED_XMP_HEADER)) {
                    note("extended XMP is not read");
                } else if (marker == JPEG_APP1 && exif == null && startsWith(file, start, end, EXIF_HEADER)) {
                    exif = slice(file, start + EXIF_HEADER.length, end);
                }
                return true;
            });
            for (JumbfSegments segments : instances.values()) {
                byte[] jumbf = segments.assemble(limits.maxManifestStoreBytes());
                if (jumbf == null) {
                    note(segments.problem);
                } else if (JumbfBox.isManifestStore(jumbf)) {
                    if (store == null) {
                        store = new ManifestStoreBlock(jumbf, segments.placement);
                    } else {
                        note("a second C2PA manifest store is ignored");
                    }
                }
            }
        }

        void png(byte[] file) {
            if (!startsWith(file, 0, file.length, PNG_SIGNATURE)) {
                return;
            }
            int position = PNG_SIGNATURE.length;
            while (position + 12 <= file.length) {
                long length = u32(file, position);
                String type = new String(file, position + 4, 4, StandardCharsets.ISO_8859_1);
                long dataEnd = position + 8 + length;
                if (dataEnd + 4 > file.length) {
                    return; // a chunk running past the end: the decoder reports the file, we stop reading it
                }
                int start = position + 8;
                int end = (int) dataEnd;
                switch (type) {
                    case "caBX" -> pngStore(file, start, end, new ByteRange(position, end + 4L - position));
                    case "tEXt", "zTXt", "iTXt" -> pngText(type, file, start, end);
                    case "eXIf" -> {
                        if (exif == null) {
                            exif = slice(file, start, end);
                        }
                    }
                    case "IEND" -> {
                        return;
                    }
                    default -> {
                    }
                }
                position = end + 4;
            }
        }

        private void pngStore(byte[] file, int start, int end, ByteRange chunk) {
            if (store != null) {
                note("a second C2PA manifest store is ignored");
            } else if (end - start > limits.maxManifestStoreBytes()) {
                note(tooLarge("C2PA manifest store", end - start, limits.maxManifestStoreBytes()));
            } else {
                store = new ManifestStoreBlock(slice(file, start, end), List.of(chunk));
            }
        }

        private void pngText(String type, byte[] file, int start, int end) {
            int nul = indexOf(file, start, Math.min(end, start + 80), (byte) 0);
            if (nul <= start) {
                return; // no keyword: not a text chunk we can name
            }
            String keyword = new String(file, start, nul - start, StandardCharsets.ISO_8859_1);
            int text = nul + 1;
            boolean compressed;
            switch (type) {
                case "tEXt" -> compressed = false;
                case "zTXt" -> {
                    compressed = true;
                    text++; // compression method byte
                }
                default -> {
                    // iTXt: compression flag, method, language tag\0, translated keyword\0, text
                    if (text + 2 > end) {
                        return;
                    }
                    compressed = file[text] == 1;
                    int language = indexOf(file, text + 2, end, (byte) 0);
                    int translated = language < 0 ? -1 : indexOf(file, language + 1, end, (byte) 0);
                    if (translated < 0) {
                        return;
                    }
                    text = translated + 1;
                }
            }
            if (text > end) {
                return;
            }
            if (type.equals("iTXt") && keyword.equals(PNG_XMP_KEYWORD) && !compressed) {
                addXmp(file, text, end);
                return;
            }
            if (!compressed && end - text > limits.maxTextBytes()) {
                note(tooLarge("PNG " + type + " '" + keyword + "'", end - text, limits.maxTextBytes()));
                return;
            }
            texts.add(new PngText(type, keyword, slice(file, text, end), compressed));
        }

        void webp(byte[] file) {
            int position = 12; // RIFF, size, WEBP
            while (position + 8 <= file.length) {
                String fourCc = new String(file, position, 4, StandardCharsets.ISO_8859_1);
                long size = u32le(file, position + 4);
                long dataEnd = position + 8 + size;
                if (dataEnd > file.length) {
                    return;
                }
                int start = position + 8;
                int end = (int) dataEnd;
                long padded = dataEnd + (size & 1);
                switch (fourCc) {
                    case "C2PA" -> {
                        if (end - start > limits.maxManifestStoreBytes()) {
                            note(tooLarge("C2PA manifest store", end - start, limits.maxManifestStoreBytes()));
                        } else if (store == null) {
                            store = new ManifestStoreBlock(slice(file, start, end),
                                    List.of(new ByteRange(position, Math.min(padded, file.length) - position)));
                        }
                    }
                    case "XMP " -> addXmp(file, start, end);
                    case "EXIF" -> {
                        if (exif == null) {
                            // some writers keep JPEG's "Exif\0\0" prefix in the chunk
                            exif = startsWith(file, start, end, EXIF_HEADER)
                                    ? slice(file, start + EXIF_HEADER.length, end) : slice(file, start, end);
                        }
                    }
                    default -> {
                    }
                }
                if (padded > Integer.MAX_VALUE) {
                    return;
                }
                position = (int) padded;
            }
        }

        private void addXmp(byte[] file, int start, int end) {
            if (end - start > limits.maxXmpBytes()) {
                note(tooLarge("XMP packet", end - start, limits.maxXmpBytes()));
            } else {
                xmp.add(slice(file, start, end));
            }
        }

        private void note(String note) {
            if (!notes.contains(note)) {
                notes.add(note);
            }
        }
    }

    /** The APP11 segments of one JPEG XT box instance, in file order. */
    private static final class JumbfSegments {
        private final List<byte[]> parts = new ArrayList<>();
        private final List<ByteRange> placement = new ArrayList<>();
        private long nextSequence = 1;
        private long total;
        private String problem;

        void add(byte[] file, int boxStart, int end, long sequence, ByteRange segment) {
            if (problem != null) {
                return;
            }
            if (sequence != nextSequence) {
                problem = "C2PA manifest store segments are out of order (packet " + sequence + " where "
                        + nextSequence + " was due)";
                return;
            }
            int dataStart = boxStart;
            if (sequence > 1) {
                // the continuation repeats LBox and TBox, and XLBox when LBox is 1
                dataStart += end - boxStart >= 4 && u32(file, boxStart) == 1 ? 16 : 8;
                if (dataStart > end) {
                    problem = "a C2PA manifest store segment is shorter than its box header";
                    return;
                }
            }
            parts.add(slice(file, dataStart, end));
            placement.add(segment);
            total += end - dataStart;
            nextSequence++;
        }

        byte[] assemble(int limit) {
            if (problem != null) {
                return null;
            }
            if (total > limit) {
                problem = tooLarge("C2PA manifest store", total, limit);
                return null;
            }
            byte[] joined = new byte[(int) total];
            int at = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, joined, at, part.length);
                at += part.length;
            }
            return joined;
        }
    }

    static String tooLarge(String what, long bytes, long limit) {
        return what + " of " + bytes + " bytes is over the limit of " + limit + "; not read";
    }

    private static boolean startsWith(byte[] data, int start, int end, byte[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[start + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] slice(byte[] data, int start, int end) {
        byte[] copy = new byte[end - start];
        System.arraycopy(data, start, copy, 0, copy.length);
        return copy;
    }

    private static int u16(byte[] data, int at) {
        return (data[at] & 0xFF) << 8 | data[at + 1] & 0xFF;
    }

    static long u32(byte[] data, int at) {
        return (long) (data[at] & 0xFF) << 24 | (data[at + 1] & 0xFF) << 16 | (data[at + 2] & 0xFF) << 8
                | data[at + 3] & 0xFF;
    }

    private static long u32le(byte[] data, int at) {
        return (long) (data[at + 3] & 0xFF) << 24 | (data[at + 2] & 0xFF) << 16 | (data[at + 1] & 0xFF) << 8
                | data[at] & 0xFF;
    }
}
