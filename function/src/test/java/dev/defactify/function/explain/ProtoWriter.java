package dev.defactify.function.explain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** A tiny protobuf wire-format encoder, so tests can hand-build ONNX bytes without the generated classes. */
final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter varint(int field, long value) {
        tag(field, 0);
        rawVarint(value);
        return this;
    }

    ProtoWriter fixed32(int field, float value) {
        tag(field, 5);
        out.writeBytes(littleEndian(value));
        return this;
    }

    ProtoWriter fixed64(int field, long value) {
        tag(field, 1);
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
        return this;
    }

    ProtoWriter bytes(int field, byte[] payload) {
        tag(field, 2);
        rawVarint(payload.length);
        out.writeBytes(payload);
        return this;
    }

    ProtoWriter string(int field, String text) {
        return bytes(field, text.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(int field, ProtoWriter inner) {
        return bytes(field, inner.toByteArray());
    }

    ProtoWriter packedVarints(int field, long... values) {
        ProtoWriter payload = new ProtoWriter();
        for (long value : values) {
            payload.rawVarint(value);
        }
        return bytes(field, payload.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    static byte[] littleEndian(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }

    private void tag(int field, int wireType) {
        rawVarint((long) field << 3 | wireType);
    }

    private void rawVarint(long value) {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.write((int) (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write((int) rest);
    }
}
