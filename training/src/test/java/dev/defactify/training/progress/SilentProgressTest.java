package dev.defactify.training.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SilentProgressTest {

    @Test
    void countsWithoutPrintingAndStillChecksMisuse() {
        Progress progress = ProgressReporter.silent().start("eval", 10, "images");
        progress.step(3, Map.of("acc", "0.9"));
        progress.step(2);

        assertEquals(5, progress.snapshot().done());
        assertEquals(Map.of("acc", "0.9"), progress.snapshot().fields());
        progress.close();
        assertThrows(IllegalStateException.class, () -> progress.step(1));
    }
}
