package dev.defactify.training.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.defactify.training.evaluation.EpochRecord;
import dev.defactify.training.train.RunRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code manifest.metrics.validation} comes from the chosen epoch, not the last one. */
class ExportSubjectValidationTest {

    private static EpochRecord epoch(int n, Double accuracy, Double macroF1) {
        return new EpochRecord(n, 1.0, null, null, 0.5, null, null, accuracy, macroF1, 1e-3, 10, 1);
    }

    private static RunRecord run(int bestEpoch, EpochRecord... history) {
        return new RunRecord(null, "data", Map.of(), "cpu", "abc", 1f, List.of(history), bestEpoch, 3, "now", null);
    }

    @Test
    void theChosenEpochsValidationNumbersAreRecorded() {
        Map<String, Object> validation = ExportSubject.validation(run(2, epoch(1, 0.7, 0.5), epoch(2, 0.8, 0.6),
                epoch(3, 0.9, 0.55)));
        assertEquals(Map.of("epoch", 2, "taskA", Map.of("accuracy", 0.8), "taskB", Map.of("macroF1", 0.6)),
                validation);
    }

    @Test
    void aRunWithoutValidationRecordsNone() {
        assertNull(ExportSubject.validation(run(1, epoch(1, null, null))));
        assertNull(ExportSubject.validation(run(0)));
    }
}
