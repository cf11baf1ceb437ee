package dev.defactify.function.explain;

/**
 * Hand-built ONNX models: a ModelProto with the fields the real exporter sets around the graph (IR version,
 * producer, opset, a node, an input) so the reader has to skip them, and initializers laid out as
 * {@code OnnxGraph.initializer} writes them (unpacked int64 dims, data_type FLOAT, name, little-endian raw_data).
 */
final class TestModels {
    static final int FLOAT = 1;
    static final int INT64 = 7;

    private TestModels() {
    }

    static ProtoWriter rawTensor(String name, long[] dims, float... values) {
        ProtoWriter tensor = new ProtoWriter();
        for (long dim : dims) {
            tensor.varint(1, dim);
        }
        return tensor.varint(2, FLOAT).string(8, name).bytes(9, ProtoWriter.littleEndian(values));
    }

    static byte[] model(ProtoWriter... initializers) {
        ProtoWriter graph = new ProtoWriter()
                .message(1, new ProtoWriter().string(1, "image").string(2, "stem_conv").string(4, "Conv"))
                .string(2, "defactifynet_test");
        for (ProtoWriter initializer : initializers) {
            graph.message(5, initializer);
        }
        graph.message(11, new ProtoWriter().string(1, "image"));
        return new ProtoWriter()
                .varint(1, 8)
                .string(2, "defactify")
                .message(8, new ProtoWriter().string(1, "").varint(2, 17))
                .message(7, graph)
                .toByteArray();
    }

    /** A model whose binary head has these weights (shape [1, C]) and bias (shape [1]), next to a source head. */
    static byte[] withBinaryHead(float[] weights, float bias) {
        float[] sourceWeights = new float[6 * weights.length];
        return model(
                rawTensor("source_head.weight", new long[] {6, weights.length}, sourceWeights),
                rawTensor(BinaryHead.WEIGHT, new long[] {1, weights.length}, weights),
                rawTensor(BinaryHead.BIAS, new long[] {1}, bias));
    }
}
