package dev.defactify.function.scoring;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * One direct input buffer per request thread, reused: allocating (and zeroing) 600 KB of direct memory per
 * request would cost more than preprocessing a small image. A buffer is only in use for the duration of one
 * {@link Detector#detect} call on its thread.
 */
final class TensorBuffers {
    private final int floats;
    private final ThreadLocal<FloatBuffer> perThread;

    TensorBuffers(int floats) {
        this.floats = floats;
        this.perThread = ThreadLocal.withInitial(this::allocate);
    }

    FloatBuffer forThisThread() {
        return perThread.get().clear();
    }

    private FloatBuffer allocate() {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
