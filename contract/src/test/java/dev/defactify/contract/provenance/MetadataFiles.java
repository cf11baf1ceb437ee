package dev.defactify.contract.provenance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Builds the small, often hostile, files the metadata tests read: PNG chunks, JPEG APP1 segments, TIFF IFDs. */
final class MetadataFiles {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private MetadataFiles() {
    }

    static byte[] resource(String path) {
        try (InputStream in = MetadataFiles.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG of the given chunks (the reader needs no IHDR or pixels), ended by IEND. */
    static byte[] png(byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PNG_SIGNATURE);
        for (byte[] chunk : chunks) {
            out.writeBytes(chunk);
        }
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    static byte[] tEXt(String keyword, String text) {
        return chunk("tEXt", concat(latin1(keyword), new byte[]{0}, latin1(text)));
    }

    static byte[] zTXt(String keyword, byte[] zlib) {
        return chunk("zTXt", concat(latin1(keyword), new byte[]{0, 0}, zlib));
    }

    static byte[] iTXt(String keyword, boolean compressed, byte[] text) {
        // keyword\0, compression flag, method, empty language tag\0, empty translated keyword\0
        return chunk("iTXt", concat(latin1(keyword), new byte[]{0, (byte) (compressed ? 1 : 0), 0, 0, 0}, text));
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** A zlib stream of {@code megabytes} MB of zeros, fed in pieces so the test never holds the whole. */
    static byte[] zeroBomb(int megabytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            byte[] zeros = new byte[1 << 20];
            byte[] buffer = new byte[8192];
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < megabytes; i++) {
                deflater.setInput(zeros);
                while (!deflater.needsInput()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** SOI, the given APP1 payloads, EOI: all the segment walker needs. */
    static byte[] jpegWithApp1(byte[]... payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0xFF, (byte) 0xD8});
        for (byte[] payload : payloads) {
            int length = payload.length + 2;
            if (length > 0xFFFF) {
                throw new IllegalArgumentException("an APP1 segment holds at most 65533 bytes");
            }
            out.writeBytes(new byte[]{(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
            out.writeBytes(payload);
        }
        out.writeBytes(new byte[]{(byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }

    static byte[] xmpApp1(String packet) {
        return concat(latin1("http://ns.adobe.com/xap/1.0/\0"), packet.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] exifApp1(byte[] tiff) {
        return concat(new byte[]{'E', 'x', 'i', 'f', 0, 0}, tiff);
    }

    /** An XMP packet of one rdf:Description with the given namespaced content (attributes, then '>' and body). */
    static String xmp(String descriptionAttributes, String body) {
        return "<?xpacket begin='\uFEFF' id='W5M0MpCehiHzreSzNTczkc9d'?>"
                + "<x:xmpmeta xmlns:x='adobe:ns:meta/'>"
                + "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                + "<rdf:Description rdf:about='' xmlns:Iptc4xmpExt='http://iptc.org/std/Iptc4xmpExt/2008-02-29/'"
                + " xmlns:xmp='http://ns.adobe.com/xap/1.0/' " + descriptionAttributes + ">" + body
                + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>";
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * A TIFF structure written field by field, every offset set by hand, so a test can point one anywhere.
     * Positions are absolute from the byte order mark, as TIFF offsets are.
     */
    static final class Tiff {
        private final ByteBuffer buffer;

        Tiff(ByteOrder order, int size) {
            buffer = ByteBuffer.allocate(size).order(order);
            buffer.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[]{'I', 'I'} : new byte[]{'M', 'M'});
            buffer.putShort(2, (short) 42);
        }

        Tiff ifd0At(long offset) {
            buffer.putInt(4, (int) offset);
            return this;
        }

        /** An IFD of {@code count} entries at {@code offset}; the entries follow with {@link #entry}. */
        Tiff ifd(int offset, int count, long nextIfd) {
            buffer.putShort(offset, (short) count);
            buffer.putInt(offset + 2 + 12 * count, (int) nextIfd);
            return this;
        }

        Tiff entry(int ifdOffset, int index, int tag, int type, long count, long valueOrOffset) {
            int at = ifdOffset + 2 + 12 * index;
            buffer.putShort(at, (short) tag).putShort(at + 2, (short) type).putInt(at + 4, (int) count)
                    .putInt(at + 8, (int) valueOrOffset);
            return this;
        }

        Tiff bytes(int offset, byte[] data) {
            buffer.put(offset, data);
            return this;
        }

        byte[] build() {
            return buffer.array();
        }
    }
}
