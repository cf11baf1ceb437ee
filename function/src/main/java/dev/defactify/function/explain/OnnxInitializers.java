package dev.defactify.function.explain;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads named float32 initializers out of serialised ONNX model bytes. Serving needs only the binary head's
 * weights (a few KB) for the activation map, so this walks the wire format and decodes just the tensors asked for,
 * instead of pulling in protobuf and the generated ONNX classes.
 */
public final class OnnxInitializers {
    // Field numbers from onnx.proto (stable since IR version 3).
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_DATA_LOCATION = 14;
    private static final int FLOAT = 1;
    private static final int EXTERNAL = 1;

    private OnnxInitializers() {
    }

    /**
     * The requested initializers, keyed by name in the order asked.
     *
     * @throws OnnxFormatException when the bytes are not a readable model, or a name is missing, is not float32,
     *                             or keeps its data in an external file
     */
    public static Map<String, FloatTensor> read(byte[] model, Collection<String> names) {
        return read(ByteBuffer.wrap(model), names);
    }

    /** As {@link #read(byte[], Collection)}, over a buffer such as a memory-mapped model file. */
    public static Map<String, FloatTensor> read(ByteBuffer model, Collection<String> names) {
        Set<String> wanted = new LinkedHashSet<>(names);
        Map<String, FloatTensor> found = new LinkedHashMap<>();
        ProtoReader reader = new ProtoReader(model);
        while (reader.hasMore()) {
            int tag = reader.readTag();
            if (ProtoReader.fieldOf(tag) == MODEL_GRAPH && ProtoReader.wireTypeOf(tag) == ProtoReader.LENGTH_DELIMITED) {
                readGraph(reader.readMessage(), wanted, found);
            } else {
                reader.skip(tag);
            }
        }
        List<String> missing = wanted.stream().filter(name -> !found.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw new OnnxFormatException("The model has no initializer named " + missing
                    + "; was it exported by a different exporter version?");
        }
        Map<String, FloatTensor> ordered = new LinkedHashMap<>();
        wanted.forEach(name -> ordered.put(name, found.get(name)));
        return ordered;
    }

    private static void readGraph(ProtoReader graph, Set<String> wanted, Map<String, FloatTensor> found) {
        while (graph.hasMore()) {
            int tag = graph.readTag();
            if (ProtoReader.fieldOf(tag) == GRAPH_INITIALIZER && ProtoReader.wireTypeOf(tag) == ProtoReader.LENGTH_DELIMITED) {
                readTensor(graph.readMessage(), wanted, found);
            } else {
                graph.skip(tag);
            }
        }
    }

    /** Field order inside a message is not guaranteed, so values are kept as views until the name is known. */
    private static void readTensor(ProtoReader tensor, Set<String> wanted, Map<String, FloatTensor> found) {
        String name = "";
        long dataType = 0;
        long location = 0;
        List<Long> dims = new ArrayList<>();
        List<ByteBuffer> packedFloats = new ArrayList<>();
        List<Float> looseFloats = new ArrayList<>();
        ByteBuffer raw = null;
        while (tensor.hasMore()) {
            int tag = tensor.readTag();
            int wire = ProtoReader.wireTypeOf(tag);
            switch (ProtoReader.fieldOf(tag)) {
                case TENSOR_DIMS -> readInt64s(tensor, wire, dims);
                case TENSOR_DATA_TYPE -> dataType = tensor.readVarint();
                case TENSOR_NAME -> name = tensor.readString();
                case TENSOR_RAW_DATA -> raw = tensor.readBytes();
                case TENSOR_DATA_LOCATION -> location = tensor.readVarint();
                case TENSOR_FLOAT_DATA -> {
                    if (wire == ProtoReader.LENGTH_DELIMITED) {
                        packedFloats.add(tensor.readBytes());
                    } else {
                        looseFloats.add(tensor.readFixed32Float());
                    }
                }
                default -> tensor.skip(tag);
            }
        }
        if (!wanted.contains(name) || found.containsKey(name)) {
            return;
        }
        if (dataType != FLOAT) {
            throw new OnnxFormatException("Initializer '" + name + "' has data type " + DataTypes.describe(dataType)
                    + ", expected 1 (FLOAT)");
        }
        if (location == EXTERNAL) {
            throw new OnnxFormatException("Initializer '" + name + "' keeps its data in an external file; "
                    + "only self-contained models are supported");
        }
        float[] values = raw != null ? decode(name, List.of(raw), List.of()) : decode(name, packedFloats, looseFloats);
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        found.put(name, new FloatTensor(name, shape, values));
    }

    private static void readInt64s(ProtoReader tensor, int wire, List<Long> into) {
        if (wire == ProtoReader.LENGTH_DELIMITED) {
            ProtoReader packed = tensor.readMessage();
            while (packed.hasMore()) {
                into.add(packed.readVarint());
            }
        } else {
            into.add(tensor.readVarint());
        }
    }

    private static float[] decode(String name, List<ByteBuffer> chunks, List<Float> loose) {
        int bytes = 0;
        for (ByteBuffer chunk : chunks) {
            if (chunk.remaining() % Float.BYTES != 0) {
                throw new OnnxFormatException("Initializer '" + name + "' holds " + chunk.remaining()
                        + " data bytes, not a whole number of float32 values");
            }
            bytes += chunk.remaining();
        }
        float[] values = new float[bytes / Float.BYTES + loose.size()];
        int at = 0;
        for (ByteBuffer chunk : chunks) {
            int count = chunk.remaining() / Float.BYTES;
            chunk.asFloatBuffer().get(values, at, count);
            at += count;
        }
        for (Float value : loose) {
            values[at++] = value;
        }
        return values;
    }
}
