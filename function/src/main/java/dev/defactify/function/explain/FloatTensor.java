package dev.defactify.function.explain;

import java.util.Arrays;
import java.util.Objects;

/**
 * A float32 initializer read from an ONNX model: its name, its dims as stored, and its values in row-major
 * order. The arrays belong to this record; callers read them and do not change them.
 */
public record FloatTensor(String name, long[] dims, float[] values) {

    public FloatTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dims, "dims");
        Objects.requireNonNull(values, "values");
        long count = 1;
        for (long dim : dims) {
            count *= dim;
        }
        if (count != values.length) {
            throw new OnnxFormatException("Initializer '" + name + "' has dims " + Arrays.toString(dims)
                    + " (" + count + " elements) but " + values.length + " values");
        }
    }

    /** Whether the stored dims are exactly {@code expected}; heads are checked this way before use. */
    public boolean hasShape(long... expected) {
        return Arrays.equals(dims, expected);
    }

    @Override
    public String toString() {
        return "FloatTensor[" + name + " " + Arrays.toString(dims) + "]";
    }
}
