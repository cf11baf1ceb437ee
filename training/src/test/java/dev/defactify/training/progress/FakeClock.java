package dev.defactify.training.progress;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A nanosecond clock that moves only when told to; starts at an arbitrary non-zero instant. */
final class FakeClock implements LongSupplier {

    private long nanos = 1_000_000_000_000L;

    @Override
    public long getAsLong() {
        return nanos;
    }

    void advance(Duration duration) {
        nanos += duration.toNanos();
    }

    void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }
}
