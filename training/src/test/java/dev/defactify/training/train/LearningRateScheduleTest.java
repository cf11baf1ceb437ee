package dev.defactify.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void warmsUpLinearlyThenDecaysAlongACosineToTheFinalFraction() {
        LearningRateSchedule schedule = new LearningRateSchedule(1e-3, 4, 104, 0.01);
        assertEquals(1e-3 * 1 / 5, schedule.rateAt(0), 1e-12);
        assertEquals(1e-3 * 4 / 5, schedule.rateAt(3), 1e-12);
        assertEquals(1e-3, schedule.rateAt(4), 1e-12);
        // half way through the decay the cosine term is 1/2
        assertEquals(1e-3 * (0.01 + 0.99 * 0.5), schedule.rateAt(54), 1e-12);
        assertEquals(1e-5, schedule.rateAt(104), 1e-12);
        assertEquals(1e-5, schedule.rateAt(500), 1e-12);
        for (long step = 5; step < 104; step++) {
            assertTrue(schedule.rateAt(step) < schedule.rateAt(step - 1), "not decreasing at " + step);
        }
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(0, 0, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(1, 0, 10, 1.5));
    }
}
