package dev.defactify.function.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.defactify.contract.label.SourceLabel;
import dev.defactify.contract.manifest.Outputs;

import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * DeFactifyNet behind DJL's ONNX Runtime engine. Each call owns a sub-manager that holds the input tensor
 * (a view of the caller's direct buffer, so ONNX Runtime reads it without a copy) and the outputs; closing it
 * releases their native memory before the call returns, so nothing accumulates over thousands of requests.
 * Thread-safe: ONNX Runtime sessions accept concurrent runs.
 */
public final class OnnxNetwork implements AutoCloseable {
    private final Model model;
    private final Outputs outputs;
    private final int size;

    public OnnxNetwork(Model model, Outputs outputs, int size) {
        this.model = Objects.requireNonNull(model, "model");
        this.outputs = Objects.requireNonNull(outputs, "outputs");
        this.size = size;
    }

    /**
     * @param tensor one CHW image, {@code 3 * size * size} floats from position 0, in a direct native-order buffer
     */
    public NetworkOutput run(FloatBuffer tensor, boolean withFeatures) {
        try (NDManager call = model.getNDManager().newSubManager()) {
            NDArray input = call.create(tensor.duplicate().rewind(), new Shape(1, 3, size, size), DataType.FLOAT32);
            NDList result = model.getBlock().forward(new ParameterStore(call, false), new NDList(input), false);
            float[] ai = required(result, outputs.aiLogit(), new Shape(1, 1)).toFloatArray();
            float[] source = required(result, outputs.sourceLogits(), new Shape(1, SourceLabel.count()))
                    .toFloatArray();
            if (!withFeatures) {
                return new NetworkOutput(ai[0], source, null, 0, 0, 0);
            }
            NDArray features = result.get(outputs.features());
            if (features == null || features.getShape().dimension() != 4) {
                throw new IllegalStateException("output " + outputs.features() + " must be [1,C,h,w], got "
                        + (features == null ? "nothing" : features.getShape()));
            }
            Shape shape = features.getShape();
            return new NetworkOutput(ai[0], source, features.toFloatArray(), (int) shape.get(1), (int) shape.get(2),
                    (int) shape.get(3));
        }
    }

    /** NDArrays still attached to the model's manager: constant across calls when nothing leaks. */
    public int liveArrays() {
        return model.getNDManager().getManagedArrays().size();
    }

    public int size() {
        return size;
    }

    private static NDArray required(NDList result, String name, Shape expected) {
        NDArray array = result.get(name);
        if (array == null || !array.getShape().equals(expected)) {
            throw new IllegalStateException("output " + name + " must be " + expected + ", got "
                    + (array == null ? "nothing" : array.getShape()));
        }
        return array;
    }

    @Override
    public void close() {
        model.close();
    }
}
