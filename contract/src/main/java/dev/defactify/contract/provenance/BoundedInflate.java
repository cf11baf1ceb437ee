package dev.defactify.contract.provenance;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a zlib stream (PNG zTXt, compressed iTXt) to at most a given number of bytes. Deflate reaches ratios
 * over 1000:1, so the compressed size says nothing about the output: the output array never grows past the bound
 * plus one byte, and inflation stops as soon as that one byte shows the stream is longer.
 *
 * @param bytes the inflated bytes, or null when {@code problem} says why not
 */
record BoundedInflate(byte[] bytes, String problem) {
    private static final int FIRST_GUESS_RATIO = 4;

    static BoundedInflate of(byte[] compressed, int maxBytes, String what) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            int cap = (int) Math.min(maxBytes + 1L, Integer.MAX_VALUE - 8); // the largest array a JVM allows
            byte[] out = new byte[(int) Math.min(cap, compressed.length * (long) FIRST_GUESS_RATIO + 64)];
            int size = 0;
            while (!inflater.finished()) {
                if (size == out.length) {
                    if (size == cap) {
                        return new BoundedInflate(null, what + " inflates to over " + maxBytes + " bytes; not read");
                    }
                    out = Arrays.copyOf(out, (int) Math.min(cap, out.length * 2L));
                }
                int n = inflater.inflate(out, size, out.length - size);
                // The last call may only read the checksum and so produce nothing: finished, not cut short.
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    return new BoundedInflate(null, what + " is cut short (incomplete zlib data); not read");
                }
                size += n;
            }
            if (size > maxBytes) {
                return new BoundedInflate(null, what + " inflates to over " + maxBytes + " bytes; not read");
            }
            return new BoundedInflate(Arrays.copyOf(out, size), null);
        } catch (DataFormatException e) {
            return new BoundedInflate(null, what + " is not valid zlib data; not read");
        } finally {
            inflater.end();
        }
    }
}
