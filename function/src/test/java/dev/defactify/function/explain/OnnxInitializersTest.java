package dev.defactify.function.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxInitializersTest {

    @Test
    void readsRawDataTensorsLaidOutLikeTheExporterWritesThem() {
        byte[] model = TestModels.model(
                TestModels.rawTensor("conv1.weight", new long[] {2, 3}, 1, 2, 3, 4, 5, 6),
                TestModels.rawTensor("binary_head.weight", new long[] {1, 3}, 0.5f, -1.25f, 3e-7f),
                TestModels.rawTensor("binary_head.bias", new long[] {1}, -0.75f));

        Map<String, FloatTensor> tensors = OnnxInitializers.read(model, List.of("binary_head.bias", "binary_head.weight"));

        assertEquals(List.of("binary_head.bias", "binary_head.weight"), List.copyOf(tensors.keySet()));
        assertArrayEquals(new long[] {1, 3}, tensors.get("binary_head.weight").dims());
        assertArrayEquals(new float[] {0.5f, -1.25f, 3e-7f}, tensors.get("binary_head.weight").values());
        assertArrayEquals(new float[] {-0.75f}, tensors.get("binary_head.bias").values());
    }

    @Test
    void readsPackedAndUnpackedFloatDataAndPackedDims() {
        ProtoWriter packed = new ProtoWriter().packedVarints(1, 2, 2).varint(2, TestModels.FLOAT)
                .bytes(4, ProtoWriter.littleEndian(1f, 2f, 3f, 4f)).string(8, "packed");
        ProtoWriter loose = new ProtoWriter().varint(1, 3).varint(2, TestModels.FLOAT).string(8, "loose")
                .fixed32(4, 7f).fixed32(4, 8f).fixed32(4, 9f);

        Map<String, FloatTensor> tensors = OnnxInitializers.read(TestModels.model(packed, loose), List.of("packed", "loose"));

        assertArrayEquals(new long[] {2, 2}, tensors.get("packed").dims());
        assertArrayEquals(new float[] {1, 2, 3, 4}, tensors.get("packed").values());
        assertArrayEquals(new long[] {3}, tensors.get("loose").dims());
        assertArrayEquals(new float[] {7, 8, 9}, tensors.get("loose").values());
    }

    @Test
    void fieldOrderInsideATensorDoesNotMatterAndUnknownFieldsAreSkipped() {
        ProtoWriter tensor = new ProtoWriter().bytes(9, ProtoWriter.littleEndian(4f, 5f))
                .fixed64(99, 123L).string(12, "doc").fixed32(98, 1f)
                .string(8, "late_name").varint(1, 2).varint(2, TestModels.FLOAT);

        FloatTensor read = OnnxInitializers.read(TestModels.model(tensor), List.of("late_name")).get("late_name");

        assertArrayEquals(new float[] {4, 5}, read.values());
    }

    @Test
    void missingInitializerIsNamedInTheError() {
        byte[] model = TestModels.model(TestModels.rawTensor("binary_head.weight", new long[] {1, 1}, 1f));

        OnnxFormatException error = assertThrows(OnnxFormatException.class,
                () -> OnnxInitializers.read(model, List.of("binary_head.weight", "binary_head.bias")));

        assertTrue(error.getMessage().contains("[binary_head.bias]"), error.getMessage());
    }

    @Test
    void nonFloatInitializerIsRejectedWithItsType() {
        ProtoWriter int64 = new ProtoWriter().varint(1, 1).varint(2, TestModels.INT64).string(8, "shape")
                .bytes(9, new byte[8]);

        OnnxFormatException error = assertThrows(OnnxFormatException.class,
                () -> OnnxInitializers.read(TestModels.model(int64), List.of("shape")));

        assertTrue(error.getMessage().contains("7 (INT64)"), error.getMessage());
    }

    @Test
    void externalDataIsRejected() {
        ProtoWriter external = new ProtoWriter().varint(1, 1).varint(2, TestModels.FLOAT).string(8, "w")
                .message(13, new ProtoWriter().string(1, "location").string(2, "w.bin")).varint(14, 1);

        OnnxFormatException error = assertThrows(OnnxFormatException.class,
                () -> OnnxInitializers.read(TestModels.model(external), List.of("w")));

        assertTrue(error.getMessage().contains("external"), error.getMessage());
    }

    @Test
    void valueCountMustMatchDims() {
        byte[] model = TestModels.model(TestModels.rawTensor("w", new long[] {1, 4}, 1f, 2f, 3f));

        assertThrows(OnnxFormatException.class, () -> OnnxInitializers.read(model, List.of("w")));
    }

    @Test
    void truncatedOrForeignBytesAreRejected() {
        byte[] model = TestModels.withBinaryHead(new float[] {1, 2, 3}, 0.5f);
        byte[] truncated = Arrays.copyOf(model, model.length - 5);

        assertThrows(OnnxFormatException.class, () -> OnnxInitializers.read(truncated, List.of(BinaryHead.BIAS)));
        assertThrows(OnnxFormatException.class,
                () -> OnnxInitializers.read("not a model at all".getBytes(), List.of(BinaryHead.BIAS)));
    }
}
