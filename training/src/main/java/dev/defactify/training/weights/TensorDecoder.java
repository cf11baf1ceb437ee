package dev.defactify.training.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/** Converts a tensor's little-endian bytes, whatever their dtype, to float32 values. */
final class TensorDecoder {

    private TensorDecoder() {
    }

    static float[] toFloats(Dtype dtype, ByteBuffer bytes, int count) {
        ByteBuffer data = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[count];
        switch (dtype) {
            case F32 -> data.asFloatBuffer().get(out);
            case F64 -> {
                DoubleBuffer doubles = data.asDoubleBuffer();
                for (int i = 0; i < count; i++) {
                    out[i] = (float) doubles.get(i);
                }
            }
            case F16 -> {
                ShortBuffer halves = data.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    out[i] = Float.float16ToFloat(halves.get(i));
                }
            }
            case BF16 -> {
                // bfloat16 is the upper half of a float32, so widening is a shift, never a rounding.
                ShortBuffer halves = data.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    out[i] = Float.intBitsToFloat((halves.get(i) & 0xFFFF) << 16);
                }
            }
            case I64 -> {
                LongBuffer longs = data.asLongBuffer();
                for (int i = 0; i < count; i++) {
                    out[i] = longs.get(i);
                }
            }
            case I32 -> {
                IntBuffer ints = data.asIntBuffer();
                for (int i = 0; i < count; i++) {
                    out[i] = ints.get(i);
                }
            }
            case I16 -> {
                ShortBuffer shorts = data.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    out[i] = shorts.get(i);
                }
            }
            case I8 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = data.get(i);
                }
            }
            case U8 -> {
                for (int i = 0; i < count; i++) {
                    out[i] = data.get(i) & 0xFF;
                }
            }
            case BOOL -> {
                for (int i = 0; i < count; i++) {
                    out[i] = data.get(i) != 0 ? 1f : 0f;
                }
            }
        }
        return out;
    }
}
