package dev.defactify.training.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsDecodingTest {

    @TempDir
    Path directory;

    private final SafetensorsReader reader = new SafetensorsReader();

    private NamedTensor readSingle(String dtype, long count, byte[] data) {
        String header = "{\"t\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + count + "],\"data_offsets\":[0,"
                + data.length + "]}}";
        return reader.read(RawSafetensors.write(directory, header, data)).tensor("t");
    }

    @Test
    void halfPrecisionDecodesToHandComputedValues() {
        // sign/exponent/mantissa worked out by hand: 1.0, -2.0, 65504 (largest), 2^-24 (smallest subnormal),
        // 0x3555 = (1 + 341/1024) * 2^-2, +infinity
        byte[] data = RawSafetensors.shortsLittleEndian(0x3C00, 0xC000, 0x7BFF, 0x0001, 0x3555, 0x7C00);

        NamedTensor tensor = readSingle("F16", 6, data);

        assertArrayEquals(new float[] {1f, -2f, 65504f, 0x1p-24f, 0.333251953125f, Float.POSITIVE_INFINITY},
                tensor.values());
        assertEquals(Dtype.F16, tensor.sourceDtype());
    }

    @Test
    void bfloat16DecodesToHandComputedValues() {
        // 0x3F80 = 1.0, 0xC0A0 = -5.0, 0x3EAB = (1 + 43/128) * 2^-2, 0x8000 = -0.0
        byte[] data = RawSafetensors.shortsLittleEndian(0x3F80, 0xC0A0, 0x3EAB, 0x8000);

        NamedTensor tensor = readSingle("BF16", 4, data);

        assertArrayEquals(new float[] {1f, -5f, 0.333984375f, -0f}, tensor.values());
        assertEquals(Dtype.BF16, tensor.sourceDtype());
    }

    @Test
    void doublesAreNarrowedToFloat() {
        byte[] data = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.1).putDouble(-1e300).array();

        assertArrayEquals(new float[] {0.1f, Float.NEGATIVE_INFINITY}, readSingle("F64", 2, data).values());
    }

    @Test
    void batchCountersAreReadAsFloatButMarkedAsIntegers() {
        byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(12345L).array();
        String header = "{\"bn1.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]}}";

        NamedTensor counter = reader.read(RawSafetensors.write(directory, header, data)).tensor("bn1.num_batches_tracked");

        assertArrayEquals(new float[] {12345f}, counter.values());
        assertArrayEquals(new long[] {}, counter.shape());
        assertFalse(counter.sourceDtype().isFloatingPoint());
    }

    @Test
    void smallIntegerTypesKeepTheirSign() {
        assertArrayEquals(new float[] {-1f, 255f}, new float[] {
                readSingle("I8", 1, new byte[] {(byte) 0xFF}).values()[0],
                readSingle("U8", 1, new byte[] {(byte) 0xFF}).values()[0]});
        assertArrayEquals(new float[] {1f, 0f}, readSingle("BOOL", 2, new byte[] {1, 0}).values());
        assertArrayEquals(new float[] {-2f}, readSingle("I32", 1, new byte[] {-2, -1, -1, -1}).values());
    }

    @Test
    void headerOrderSpacePaddingAndMetadataAreHonoured() {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}      ";

        TensorFile file = reader.read(RawSafetensors.write(directory, header, RawSafetensors.floatsLittleEndian(1f, 2f)));

        assertEquals(List.of("b", "a"), List.copyOf(file.tensors().keySet()));
        assertArrayEquals(new float[] {2f}, file.tensor("b").values());
        assertArrayEquals(new float[] {1f}, file.tensor("a").values());
        assertEquals(Map.of("format", "pt"), file.metadata());
    }

    @Test
    void emptyTensorsAndEmptyFilesAreValid() {
        String header = "{\"empty\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[0,0]}}";

        TensorFile file = reader.read(RawSafetensors.write(directory, header, new byte[0]));

        assertEquals(0, file.tensor("empty").values().length);
        assertTrue(reader.read(RawSafetensors.write(directory, "{}", new byte[0])).tensors().isEmpty());
    }
}
