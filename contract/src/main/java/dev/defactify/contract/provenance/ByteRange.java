package dev.defactify.contract.provenance;

/** {@code [start, start + length)} of the image file. */
public record ByteRange(long start, long length) {
    public ByteRange {
        if (start < 0 || length < 0) {
            throw new IllegalArgumentException("a byte range cannot be negative");
        }
    }

    public long end() {
        return start + length;
    }

    public boolean contains(ByteRange other) {
        return other.start >= start && other.end() <= end();
    }
}
