package dev.defactify.training.weights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes float32 tensors as a safetensors file. The output is byte-for-byte deterministic: tensors are
 * laid out in name order, metadata keys are sorted, and the header is space-padded to a multiple of
 * 8 bytes as the reference implementation does, so the data section starts aligned.
 *
 * <p>Every tensor is written as F32 whatever its {@link NamedTensor#sourceDtype()}. The file is written
 * beside the target and moved into place, so a crash mid-write never leaves a half-written checkpoint.
 */
public final class SafetensorsWriter {

    private static final int CHUNK_BYTES = 1 << 20;

    public void write(Path file, TensorFile contents) {
        write(file, contents.tensors().values(), contents.metadata());
    }

    public void write(Path file, Collection<NamedTensor> tensors, Map<String, String> metadata) {
        List<NamedTensor> ordered = new ArrayList<>(tensors);
        ordered.sort(Comparator.comparing(NamedTensor::name));
        rejectBadNames(ordered, file);
        byte[] header = paddedHeader(ordered, metadata, file);

        // A sibling rather than Files.createTempFile, which would give the checkpoint owner-only permissions.
        Path temporary = file.resolveSibling(file.getFileName() + ".partial");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
                writeFully(channel, prefix);
                writeFully(channel, ByteBuffer.wrap(header));
                ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (NamedTensor tensor : ordered) {
                    writeFloats(channel, chunk, tensor.values());
                }
                channel.force(true);
            }
            moveIntoPlace(temporary, file);
        } catch (IOException e) {
            throw new SafetensorsException(file + ": cannot write: " + e, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static void rejectBadNames(List<NamedTensor> sortedTensors, Path file) {
        for (int i = 0; i < sortedTensors.size(); i++) {
            String name = sortedTensors.get(i).name();
            if (name.equals(SafetensorsHeader.METADATA_KEY)) {
                throw SafetensorsException.inTensor(file.toString(), name, "name is reserved for metadata");
            }
            if (i > 0 && name.equals(sortedTensors.get(i - 1).name())) {
                throw SafetensorsException.inTensor(file.toString(), name, "name appears more than once");
            }
        }
    }

    private static byte[] paddedHeader(List<NamedTensor> ordered, Map<String, String> metadata, Path file) {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode root = mapper.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafetensorsHeader.METADATA_KEY);
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (NamedTensor tensor : ordered) {
            long end = offset + (long) tensor.elementCount() * Dtype.F32.byteSize();
            ObjectNode entry = root.putObject(tensor.name());
            entry.put("dtype", Dtype.F32.code());
            ArrayNode shape = entry.putArray("shape");
            Arrays.stream(tensor.shape()).forEach(shape::add);
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        try {
            byte[] json = mapper.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
            byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
            Arrays.fill(padded, json.length, padded.length, (byte) ' ');
            return padded;
        } catch (JsonProcessingException e) {
            throw new SafetensorsException(file + ": cannot encode header: " + e.getOriginalMessage(), e);
        }
    }

    private static void writeFloats(FileChannel channel, ByteBuffer chunk, float[] values) throws IOException {
        int perChunk = chunk.capacity() / Float.BYTES;
        for (int start = 0; start < values.length; start += perChunk) {
            int length = Math.min(perChunk, values.length - start);
            chunk.clear();
            chunk.asFloatBuffer().put(values, start, length);
            chunk.limit(length * Float.BYTES);
            writeFully(channel, chunk);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void moveIntoPlace(Path temporary, Path file) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temporary) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // The write already failed or succeeded; a stray .partial file is not worth masking that.
        }
    }
}
