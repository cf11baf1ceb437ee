package dev.defactify.training.weights;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

/**
 * Reads a whole safetensors file into float32 tensors. Tensor data is memory-mapped and decoded in
 * bulk, so a 100 MB ResNet-50 loads in well under a second; the header is fully validated before any
 * tensor is touched.
 */
public final class SafetensorsReader {

    /** The reference implementation's cap; anything larger is a corrupt or hostile length prefix. */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    static final int LENGTH_PREFIX_BYTES = 8;

    public TensorFile read(Path file) {
        String source = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            long headerLength = readHeaderLength(channel, fileSize, source);
            long dataStart = LENGTH_PREFIX_BYTES + headerLength;
            byte[] headerBytes = readFully(channel, LENGTH_PREFIX_BYTES, (int) headerLength).array();
            SafetensorsHeader header = SafetensorsHeader.parse(headerBytes, source, fileSize - dataStart);

            SequencedMap<String, NamedTensor> tensors = new LinkedHashMap<>();
            for (TensorEntry entry : header.entries()) {
                ByteBuffer bytes = entry.byteLength() == 0
                        ? ByteBuffer.allocate(0)
                        : channel.map(FileChannel.MapMode.READ_ONLY, dataStart + entry.begin(), entry.byteLength());
                float[] values = TensorDecoder.toFloats(entry.dtype(), bytes, entry.elementCount());
                tensors.put(entry.name(), new NamedTensor(entry.name(), entry.shape(), values, entry.dtype()));
            }
            return new TensorFile(tensors, header.metadata());
        } catch (IOException e) {
            throw new SafetensorsException(source + ": cannot read: " + e, e);
        }
    }

    private static long readHeaderLength(FileChannel channel, long fileSize, String source) throws IOException {
        if (fileSize < LENGTH_PREFIX_BYTES) {
            throw SafetensorsException.inFile(source, "file has " + fileSize
                    + " bytes, fewer than the 8-byte header length prefix");
        }
        long headerLength = readFully(channel, 0, LENGTH_PREFIX_BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        // The prefix is an unsigned 64-bit value; as a Java long anything above 2^63 reads negative.
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw SafetensorsException.inFile(source, "header length " + Long.toUnsignedString(headerLength)
                    + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        if (headerLength > fileSize - LENGTH_PREFIX_BYTES) {
            throw SafetensorsException.inFile(source, "header length " + headerLength + " exceeds the "
                    + (fileSize - LENGTH_PREFIX_BYTES) + " bytes that follow the prefix (truncated file?)");
        }
        return headerLength;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("file ended at byte " + (position + buffer.position()));
            }
        }
        return buffer;
    }
}
