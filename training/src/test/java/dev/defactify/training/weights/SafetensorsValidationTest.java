package dev.defactify.training.weights;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsValidationTest {

    @TempDir
    Path directory;

    private final SafetensorsReader reader = new SafetensorsReader();

    private static final byte[] EIGHT_BYTES = RawSafetensors.floatsLittleEndian(1f, 2f);

    /** Reads the file expecting failure and checks the message names the file and every given fragment. */
    private void assertRejected(Path file, String... fragments) {
        SafetensorsException error = assertThrows(SafetensorsException.class, () -> reader.read(file));
        String message = error.getMessage();
        assertTrue(message.contains(file.toString()), message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "expected '" + fragment + "' in: " + message);
        }
    }

    private void assertRejected(String header, byte[] data, String... fragments) {
        assertRejected(RawSafetensors.write(directory, header, data), fragments);
    }

    @Test
    void truncatedFileNamesTheTensorThatNoLongerFits() throws IOException {
        Path complete = directory.resolve("complete.safetensors");
        new SafetensorsWriter().write(complete, List.of(
                new NamedTensor("a", new long[] {2}, new float[] {1f, 2f}),
                new NamedTensor("b", new long[] {2}, new float[] {3f, 4f})), Map.of());
        byte[] bytes = Files.readAllBytes(complete);

        Path truncated = RawSafetensors.writeBytes(directory, Arrays.copyOf(bytes, bytes.length - 3));

        assertRejected(truncated, "tensor 'b'", "exceeds the data section", "truncated");
    }

    @Test
    void overlappingOffsetsNameBothTensors() {
        String header = "{\"first\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"second\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";

        assertRejected(header, EIGHT_BYTES, "'second'", "overlap", "'first'");
    }

    @Test
    void unknownDtypeNamesTensorAndDtype() {
        String header = "{\"scale\":{\"dtype\":\"F8_E4M3\",\"shape\":[8],\"data_offsets\":[0,8]}}";

        assertRejected(header, EIGHT_BYTES, "tensor 'scale'", "unsupported dtype 'F8_E4M3'", "BF16");
    }

    @Test
    void byteRangeMustMatchShapeTimesDtypeSize() {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,8]}}";

        assertRejected(header, EIGHT_BYTES, "tensor 'w'", "needs 16");
    }

    @Test
    void headerLongerThanTheFileIsRejected() {
        byte[] header = "{}".getBytes(StandardCharsets.UTF_8);
        Path file = RawSafetensors.writeBytes(directory, RawSafetensors.bytes(4096, header, new byte[0]));

        assertRejected(file, "header length 4096", "truncated");
    }

    @Test
    void absurdHeaderLengthIsRejectedBeforeAllocating() {
        byte[] header = "{}".getBytes(StandardCharsets.UTF_8);

        assertRejected(RawSafetensors.writeBytes(directory, RawSafetensors.bytes(200L << 20, header, new byte[0])),
                "exceeds the limit");
        assertRejected(RawSafetensors.writeBytes(directory, RawSafetensors.bytes(-1L, header, new byte[0])),
                "18446744073709551615");
    }

    @Test
    void fileShorterThanThePrefixIsRejected() {
        assertRejected(RawSafetensors.writeBytes(directory, new byte[] {2, 0, 0}), "3 bytes");
    }

    @Test
    void malformedJsonIsRejected() {
        assertRejected("{\"w\":{\"dtype\":\"F32\",", EIGHT_BYTES, "not valid JSON");
        assertRejected("[1, 2]", EIGHT_BYTES, "not a JSON object");
        assertRejected("{} {}", EIGHT_BYTES, "not valid JSON");
    }

    @Test
    void duplicateTensorNamesAreRejected() {
        String entry = "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}";

        assertRejected("{\"w\":" + entry + ",\"w\":" + entry + "}", EIGHT_BYTES, "not valid JSON", "w");
    }

    @Test
    void malformedEntriesNameTheTensor() {
        assertRejected("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", EIGHT_BYTES, "tensor 'w'", "dtype");
        assertRejected("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", EIGHT_BYTES,
                "tensor 'w'", "\"shape\" holds -1");
        assertRejected("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4]}}", EIGHT_BYTES,
                "tensor 'w'", "data_offsets");
        assertRejected("{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,4]}}", EIGHT_BYTES,
                "tensor 'w'", "begin 8 > end 4");
        assertRejected("{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", EIGHT_BYTES,
                "tensor 'w'", "1.5");
    }

    @Test
    void shapeTooLargeForOneArrayIsRejected() {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,4]}}";

        assertRejected(header, EIGHT_BYTES, "tensor 'w'", "more than");
    }

    @Test
    void metadataValuesMustBeStrings() {
        assertRejected("{\"__metadata__\":{\"epoch\":7}}", new byte[0], "__metadata__", "'epoch'");
    }
}
