package dev.defactify.function.scoring;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Admits image decodes while the memory they need fits the heap. A 40-megapixel PNG within every limit still needs
 * about 12 bytes per pixel while it is decoded (reader raster, packed RGB, upright copy), so a handful arriving at
 * once would exhaust a Lambda-sized heap; the rest wait here for a bounded time instead of failing with an
 * OutOfMemoryError. Counted in MiB so that the semaphore's int permits cover any heap.
 */
final class DecodeBudget {
    static final int BYTES_PER_PIXEL = 12;
    private static final long MIB = 1024 * 1024;

    private final Semaphore permits;
    private final int totalMib;
    private final long waitMillis;

    DecodeBudget(long bytes, long waitMillis) {
        this.totalMib = (int) Math.max(1, Math.min(Integer.MAX_VALUE, bytes / MIB));
        this.permits = new Semaphore(totalMib, true);
        this.waitMillis = waitMillis;
    }

    /** Most of the heap the JVM may grow to; the rest is for the model's buffers, JSON and the framework. */
    static DecodeBudget forThisJvm() {
        return new DecodeBudget((long) (Runtime.getRuntime().maxMemory() * 0.6), 30_000);
    }

    /**
     * @throws DetectorBusyException when the memory did not free up in time
     */
    Lease admit(long pixels) {
        // An image larger than the whole budget still runs, alone.
        int needed = (int) Math.min(totalMib, Math.max(1, pixels * BYTES_PER_PIXEL / MIB));
        try {
            if (!permits.tryAcquire(needed, waitMillis, TimeUnit.MILLISECONDS)) {
                throw new DetectorBusyException("too many large images are being decoded; retry shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DetectorBusyException("interrupted while waiting to decode");
        }
        return new Lease(needed);
    }

    final class Lease implements AutoCloseable {
        private final int mib;

        private Lease(int mib) {
            this.mib = mib;
        }

        @Override
        public void close() {
            permits.release(mib);
        }
    }
}
