package dev.defactify.training.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ProgressSnapshotTest {

    private static ProgressSnapshot snapshot(long done, long total, Duration elapsed) {
        return new ProgressSnapshot("eval", done, total, "images", elapsed, new TreeMap<>());
    }

    @Test
    void throughputIsUnitsOverElapsedSeconds() {
        assertEquals(10.0, snapshot(100, 1000, Duration.ofSeconds(10)).unitsPerSecond().orElseThrow(), 1e-12);
    }

    @Test
    void etaExtrapolatesTheAverageRate() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), snapshot(100, 400, Duration.ofSeconds(10)).eta());
    }

    @Test
    void nothingCanBeExtrapolatedBeforeProgressOrTime() {
        assertTrue(snapshot(0, 400, Duration.ofSeconds(10)).eta().isEmpty());
        assertTrue(snapshot(5, 400, Duration.ZERO).unitsPerSecond().isEmpty());
    }

    @Test
    void overshootingTheTotalLeavesNoTimeRemaining() {
        ProgressSnapshot overshot = snapshot(12, 10, Duration.ofSeconds(6));

        assertEquals(Optional.of(Duration.ZERO), overshot.eta());
        assertTrue(overshot.finished());
        assertEquals(1.2, overshot.fraction(), 1e-12);
    }

    @Test
    void anEmptyTaskIsComplete() {
        ProgressSnapshot empty = snapshot(0, 0, Duration.ofSeconds(1));

        assertEquals(1.0, empty.fraction());
        assertTrue(empty.finished());
        assertFalse(snapshot(0, 1, Duration.ZERO).finished());
    }

    @Test
    void fieldsAreSortedAndFrozen() {
        ProgressSnapshot snapshot = new ProgressSnapshot("t", 1, 2, "steps", Duration.ZERO,
                new TreeMap<>(Map.of("lr", "1e-4", "loss", "0.5")));

        assertEquals("loss", snapshot.fields().firstKey());
        assertThrows(UnsupportedOperationException.class, () -> snapshot.fields().put("x", "y"));
    }

    @Test
    void negativeCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> snapshot(-1, 10, Duration.ZERO));
    }
}
