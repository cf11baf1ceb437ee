package dev.defactify.function.explain;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over protobuf wire-format bytes: just enough (varints, fixed32/64, length-delimited fields) to walk an
 * ONNX model and pick out initializers without the generated protobuf classes, which the function does not ship.
 * Length-delimited fields come back as views over the same buffer, so skipping a 100 MB model's convolution weights
 * copies (or, for a memory-mapped file, even touches) nothing. Every read is bounds-checked, because the bytes come from a file that may be truncated.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final ByteBuffer bytes;
    private final int end;
    private int position;

    ProtoReader(ByteBuffer bytes) {
        this(bytes, bytes.position(), bytes.limit());
    }

    private ProtoReader(ByteBuffer bytes, int start, int end) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    boolean hasMore() {
        return position < end;
    }

    /** The next field's key: field number in the high bits, wire type in the low three. */
    int readTag() {
        long tag = readVarint();
        if (tag <= 0 || tag > Integer.MAX_VALUE || (tag >>> 3) == 0) {
            throw corrupt("invalid field key " + tag);
        }
        return (int) tag;
    }

    static int fieldOf(int tag) {
        return tag >>> 3;
    }

    static int wireTypeOf(int tag) {
        return tag & 7;
    }

    long readVarint() {
        long value = 0;
        // A 64-bit varint has at most ten bytes; more means the bytes are not protobuf.
        for (int shift = 0; shift < 70; shift += 7) {
            require(1);
            byte b = bytes.get(position++);
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw corrupt("varint longer than ten bytes");
    }

    float readFixed32Float() {
        require(Float.BYTES);
        float value = Float.intBitsToFloat(Integer.reverseBytes(bytes.getInt(position)));
        position += Float.BYTES;
        return value;
    }

    /** The payload of a length-delimited field, as a reader confined to it. */
    ProtoReader readMessage() {
        int length = readLength();
        ProtoReader inner = new ProtoReader(bytes, position, position + length);
        position += length;
        return inner;
    }

    /** The payload of a length-delimited field as a little-endian view (protobuf and ONNX raw_data are LE). */
    ByteBuffer readBytes() {
        int length = readLength();
        ByteBuffer view = bytes.slice(position, length).order(ByteOrder.LITTLE_ENDIAN);
        position += length;
        return view;
    }

    String readString() {
        int length = readLength();
        byte[] utf8 = new byte[length];
        bytes.get(position, utf8);
        String text = new String(utf8, StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    /** Skips one field's value, whatever it is; the groups of proto2 (types 3 and 4) never occur in ONNX. */
    void skip(int tag) {
        switch (wireTypeOf(tag)) {
            case VARINT -> readVarint();
            case FIXED64 -> advance(Long.BYTES);
            case LENGTH_DELIMITED -> advance(readLength());
            case FIXED32 -> advance(Integer.BYTES);
            default -> throw corrupt("unsupported wire type " + wireTypeOf(tag) + " for field " + fieldOf(tag));
        }
    }

    private int readLength() {
        long length = readVarint();
        if (length < 0 || length > end - position) {
            throw corrupt("length " + length + " runs past the end of its message (" + (end - position)
                    + " bytes left)");
        }
        return (int) length;
    }

    private void advance(int count) {
        require(count);
        position += count;
    }

    private void require(int count) {
        if (end - position < count) {
            throw corrupt("truncated: needed " + count + " more bytes at offset " + position);
        }
    }

    private static OnnxFormatException corrupt(String detail) {
        return OnnxFormatException.unreadable(detail);
    }
}
