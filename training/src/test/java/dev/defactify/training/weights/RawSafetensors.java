package dev.defactify.training.weights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds safetensors bytes by hand, so tests can feed the reader files our writer would never make. */
final class RawSafetensors {

    private RawSafetensors() {
    }

    static byte[] bytes(String headerJson, byte[] data) {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        return bytes(header.length, header, data);
    }

    /** With a length prefix that may lie about the header. */
    static byte[] bytes(long declaredHeaderLength, byte[] header, byte[] data) {
        return ByteBuffer.allocate(8 + header.length + data.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(declaredHeaderLength)
                .put(header)
                .put(data)
                .array();
    }

    static Path write(Path directory, String headerJson, byte[] data) {
        return writeBytes(directory, bytes(headerJson, data));
    }

    static Path writeBytes(Path directory, byte[] content) {
        try {
            return Files.write(Files.createTempFile(directory, "raw", ".safetensors"), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Little-endian 16-bit words, as F16 and BF16 tensors store them. */
    static byte[] shortsLittleEndian(int... words) {
        ByteBuffer buffer = ByteBuffer.allocate(words.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int word : words) {
            buffer.putShort((short) word);
        }
        return buffer.array();
    }

    static byte[] floatsLittleEndian(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }
}
