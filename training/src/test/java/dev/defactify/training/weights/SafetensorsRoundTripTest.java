package dev.defactify.training.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {

    @TempDir
    Path directory;

    private final SafetensorsWriter writer = new SafetensorsWriter();
    private final SafetensorsReader reader = new SafetensorsReader();

    private static final NamedTensor WEIGHT =
            new NamedTensor("fc.weight", new long[] {2, 3}, new float[] {1f, -2.5f, 3e-8f, Float.MAX_VALUE, 0f, -0f});
    private static final NamedTensor BIAS = new NamedTensor("fc.bias", new long[] {2}, new float[] {0.5f, -0.25f});
    private static final NamedTensor SCALAR = new NamedTensor("temperature", new long[] {}, new float[] {1.5f});

    @Test
    void tensorsAndMetadataSurviveARoundTrip() {
        Path file = directory.resolve("model.safetensors");
        Map<String, String> metadata = Map.of("format", "pt", "epoch", "7");
        writer.write(file, List.of(WEIGHT, BIAS, SCALAR), metadata);

        TensorFile read = reader.read(file);

        assertEquals(Map.of("fc.weight", WEIGHT, "fc.bias", BIAS, "temperature", SCALAR), read.tensors());
        assertEquals(metadata, read.metadata());
        assertEquals(9, read.elementCount());
    }

    @Test
    void tensorsAreLaidOutInNameOrder() {
        Path file = directory.resolve("ordered.safetensors");
        writer.write(file, List.of(SCALAR, WEIGHT, BIAS), Map.of());

        assertEquals(List.of("fc.bias", "fc.weight", "temperature"), List.copyOf(reader.read(file).tensors().keySet()));
    }

    @Test
    void outputIsIdenticalWhateverTheInputOrder() throws IOException {
        Path first = directory.resolve("first.safetensors");
        Path second = directory.resolve("second.safetensors");
        writer.write(first, List.of(WEIGHT, BIAS), Map.of("a", "1", "b", "2"));
        writer.write(second, List.of(BIAS, WEIGHT), Map.of("b", "2", "a", "1"));

        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void headerIsPaddedWithSpacesToAMultipleOfEight() throws IOException {
        Path file = directory.resolve("padded.safetensors");
        writer.write(file, List.of(BIAS), Map.of());

        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertEquals(0, headerLength % 8);
        assertEquals("{\"fc.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", header.strip());
        assertEquals(8 + headerLength + 8, bytes.length);
    }

    @Test
    void emptyMetadataWritesNoMetadataEntry() throws IOException {
        Path file = directory.resolve("plain.safetensors");
        writer.write(file, List.of(BIAS), Map.of());

        assertFalse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains("__metadata__"));
        assertTrue(reader.read(file).metadata().isEmpty());
    }

    @Test
    void overwritingLeavesOnlyTheNewFile() throws IOException {
        Path file = directory.resolve("checkpoint.safetensors");
        writer.write(file, List.of(WEIGHT), Map.of());
        writer.write(file, List.of(BIAS), Map.of());

        assertEquals(List.of("fc.bias"), List.copyOf(reader.read(file).tensors().keySet()));
        try (var listing = Files.list(directory)) {
            assertEquals(List.of(file), listing.toList());
        }
    }

    @Test
    void duplicateNamesAreRefused() {
        Path file = directory.resolve("dup.safetensors");
        NamedTensor again = new NamedTensor("fc.bias", new long[] {1}, new float[] {9f});
        SafetensorsException error =
                assertThrows(SafetensorsException.class, () -> writer.write(file, List.of(BIAS, again), Map.of()));
        assertTrue(error.getMessage().contains("'fc.bias'"), error.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void theMetadataKeyCannotBeATensorName() {
        NamedTensor reserved = new NamedTensor("__metadata__", new long[] {1}, new float[] {1f});
        assertThrows(SafetensorsException.class,
                () -> writer.write(directory.resolve("x.safetensors"), List.of(reserved), Map.of()));
    }

    @Test
    void aResNet50SizedFileRoundTrips() {
        List<NamedTensor> tensors = ResNet50Layout.randomTensors(42);
        Path file = directory.resolve("resnet50.safetensors");
        writer.write(file, tensors, Map.of("format", "pt"));

        TensorFile read = reader.read(file);

        assertEquals(267, read.tensors().size());
        assertEquals(25_610_152L, read.elementCount());
        for (NamedTensor expected : tensors) {
            NamedTensor actual = read.tensor(expected.name());
            assertArrayEquals(expected.shape(), actual.shape(), expected.name());
            assertTrue(Arrays.equals(expected.values(), actual.values()), expected.name());
        }
    }
}
