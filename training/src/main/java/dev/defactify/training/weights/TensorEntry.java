package dev.defactify.training.weights;

/**
 * One tensor's description in a safetensors header. Offsets are relative to the start of the data
 * section, and {@code end - begin} has already been checked against shape and dtype.
 */
record TensorEntry(String name, Dtype dtype, long[] shape, long begin, long end) {

    long byteLength() {
        return end - begin;
    }

    int elementCount() {
        return Math.toIntExact(NamedTensor.elementCount(shape));
    }
}
