package dev.defactify.training.export;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** A thin, typed way to add ONNX nodes and float initializers to a graph under construction. */
public final class OnnxGraph {
    private final GraphProto.Builder graph;
    private int nodeCount;

    public OnnxGraph(String name) {
        this.graph = GraphProto.newBuilder().setName(name);
    }

    /** Adds a node and returns the name of its (single) output. */
    public String node(String opType, String output, List<String> inputs, AttributeProto... attributes) {
        NodeProto.Builder node = NodeProto.newBuilder()
                .setOpType(opType)
                .setName(opType + "_" + nodeCount++)
                .addAllInput(inputs)
                .addOutput(output);
        for (AttributeProto attribute : attributes) {
            node.addAttribute(attribute);
        }
        graph.addNode(node);
        return output;
    }

    public void initializer(String name, long[] shape, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        initializer(name, TensorProto.DataType.FLOAT, shape, bytes.array());
    }

    /** A float scalar (an empty shape), as QuantizeLinear's scale wants it. */
    public void scalar(String name, float value) {
        initializer(name, new long[0], new float[] {value});
    }

    /** @param littleEndian the tensor's elements in ONNX's raw layout: row-major, little-endian */
    public void initializer(String name, TensorProto.DataType type, long[] shape, byte[] littleEndian) {
        TensorProto.Builder tensor = TensorProto.newBuilder()
                .setName(name)
                .setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(littleEndian));
        for (long dim : shape) {
            tensor.addDims(dim);
        }
        graph.addInitializer(tensor);
    }

    /** A float tensor value; a null dimension is symbolic (the dynamic batch). */
    public void input(String name, Object... dims) {
        graph.addInput(valueInfo(name, dims));
    }

    public void output(String name, Object... dims) {
        graph.addOutput(valueInfo(name, dims));
    }

    /** A float output whose shape ONNX Runtime infers (the probe graph's intermediate activations). */
    public void unshapedOutput(String name) {
        graph.addOutput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()))));
    }

    public GraphProto build() {
        return graph.build();
    }

    public static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long value : values) {
            attribute.addInts(value);
        }
        return attribute.build();
    }

    public static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto real(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    private static ValueInfoProto valueInfo(String name, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object dim : dims) {
            TensorShapeProto.Dimension.Builder dimension = TensorShapeProto.Dimension.newBuilder();
            if (dim instanceof Number number) {
                dimension.setDimValue(number.longValue());
            } else {
                dimension.setDimParam(String.valueOf(dim));
            }
            shape.addDim(dimension);
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber())
                .setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
