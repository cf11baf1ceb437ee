package dev.defactify.training.weights;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a weights file, as contiguous row-major float32 values.
 *
 * <p>{@code values} is neither copied nor protected: a ResNet-50 is 100 MB of floats and copying it on
 * every hand-over would double the load time and peak memory. Treat it as read-only.
 *
 * @param sourceDtype the element type the values were stored as; {@link Dtype#F32} for tensors made in memory
 */
public record NamedTensor(String name, long[] shape, float[] values, Dtype sourceDtype) {

    public NamedTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(sourceDtype, "sourceDtype");
        shape = shape.clone();
        long count = elementCount(shape);
        if (count != values.length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                    + " holds " + count + " elements but " + values.length + " values were given");
        }
    }

    public NamedTensor(String name, long[] shape, float[] values) {
        this(name, shape, values, Dtype.F32);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public int elementCount() {
        return values.length;
    }

    /** Product of the dimensions; 1 for a scalar (empty shape). */
    public static long elementCount(long[] shape) {
        long count = 1;
        for (long dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, dimension);
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NamedTensor that
                && name.equals(that.name)
                && sourceDtype == that.sourceDtype
                && Arrays.equals(shape, that.shape)
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, sourceDtype, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "NamedTensor[" + name + " " + sourceDtype + " " + Arrays.toString(shape) + "]";
    }
}
