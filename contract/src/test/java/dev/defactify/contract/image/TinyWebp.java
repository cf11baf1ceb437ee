package dev.defactify.contract.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a lossless WebP (VP8L) whose pixels all share one colour. There is no WebP writer on our
 * classpath, and a one-colour image is the one VP8L stream simple enough to derive from the format
 * description: each of the five prefix codes is a "simple code" with a single symbol, which has code
 * length zero, so the pixels themselves take no bits at all.
 */
final class TinyWebp {

    private TinyWebp() {
    }

    static byte[] solid(int width, int height, int r, int g, int b, int a, boolean alphaUsed) {
        BitWriter bits = new BitWriter();
        bits.write(0x2F, 8);              // VP8L signature
        bits.write(width - 1, 14);
        bits.write(height - 1, 14);
        bits.write(alphaUsed ? 1 : 0, 1);
        bits.write(0, 3);                 // version 0
        bits.write(0, 1);                 // no transforms
        bits.write(0, 1);                 // no colour cache
        bits.write(0, 1);                 // no meta prefix codes: one code group for the whole image
        singleSymbolCode(bits, g);        // green (also covers length prefixes): a literal green value
        singleSymbolCode(bits, r);
        singleSymbolCode(bits, b);
        singleSymbolCode(bits, a);
        singleSymbolCode(bits, 0);        // distance, never used
        return riff(bits.toByteArray());
    }

    /** simple code = 1, one symbol (num_symbols - 1 = 0), 8-bit symbol (is_first_8bits = 1), the symbol. */
    private static void singleSymbolCode(BitWriter bits, int symbol) {
        bits.write(1, 1);
        bits.write(0, 1);
        bits.write(1, 1);
        bits.write(symbol, 8);
    }

    private static byte[] riff(byte[] vp8l) {
        int padded = vp8l.length + (vp8l.length & 1);
        ByteBuffer file = ByteBuffer.allocate(12 + 8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        file.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 8 + padded);
        file.put("WEBP".getBytes(StandardCharsets.US_ASCII));
        file.put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(vp8l.length).put(vp8l);
        return file.array();
    }

    /** Least-significant-bit-first, as VP8L reads. */
    private static final class BitWriter {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int current;
        private int used;

        void write(int value, int count) {
            for (int i = 0; i < count; i++) {
                current |= (value >> i & 1) << used;
                if (++used == 8) {
                    bytes.write(current);
                    current = 0;
                    used = 0;
                }
            }
        }

        byte[] toByteArray() {
            if (used > 0) {
                bytes.write(current);
                current = 0;
                used = 0;
            }
            return bytes.toByteArray();
        }
    }
}
