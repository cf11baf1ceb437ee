package dev.defactify.training.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingHistoryTest {

    private static EpochRecord trainOnly(int epoch) {
        return new EpochRecord(epoch, 1.0, null, null, null, null, null, null, null, 1e-3, 100, 10);
    }

    @Test
    void epochsMustIncrease() {
        assertThrows(IllegalArgumentException.class, () -> new TrainingHistory(List.of(trainOnly(2), trainOnly(2))));
        assertThrows(IllegalArgumentException.class, () -> new TrainingHistory(List.of(trainOnly(3), trainOnly(1))));
    }

    @Test
    void epochsAreOneBased() {
        assertThrows(IllegalArgumentException.class, () -> trainOnly(0));
    }

    @Test
    void lossesMustBeFinite() {
        assertThrows(IllegalArgumentException.class,
                () -> new EpochRecord(1, Double.NaN, null, null, null, null, null, null, null, 1e-3, 100, 10));
        assertThrows(IllegalArgumentException.class,
                () -> new EpochRecord(1, 1.0, null, null, Double.POSITIVE_INFINITY, null, null, null, null, 1e-3, 1, 1));
    }

    @Test
    void knowsWhichOptionalValuesWereRecorded() {
        TrainingHistory history = new TrainingHistory(List.of(trainOnly(1),
                new EpochRecord(2, 0.9, 0.3, 0.6, null, null, null, null, null, 1e-3, 100, 10)));
        assertTrue(history.has(EpochRecord::trainBinaryLoss));
        assertFalse(history.has(EpochRecord::valLoss));
    }
}
