package dev.defactify.training.evaluation;

import dev.defactify.contract.label.SourceLabel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownReportTest {

    private static EvaluationReport withHistory(TrainingHistory history) {
        return EvaluationReport.evaluate("tiny", "val", Map.of(), new TestPredictions()
                .add(SourceLabel.REAL, 0.2).add(SourceLabel.SD21, 0.8, SourceLabel.SDXL).list(), 0.5, history, "t");
    }

    @Test
    void historyColumnsNobodyRecordedAreLeftOut() {
        TrainingHistory trainOnly = new TrainingHistory(List.of(
                new EpochRecord(1, 0.75, null, null, null, null, null, null, null, 1e-3, 640.0, 12.5)));
        String markdown = MarkdownReport.render(withHistory(trainOnly), List.of());

        assertTrue(markdown.contains("| Epoch | Train loss | LR | Images/s | Seconds |"));
        assertTrue(markdown.contains("| 1 | 0.75000 | 1.000e-03 | 640.0 | 12.5 |"));
        assertFalse(markdown.contains("Val loss"));
        assertFalse(markdown.contains("## Plots"));
    }

    @Test
    void validationScoresUseMetricPrecisionAndMissingEpochsShowNotAvailable() {
        TrainingHistory history = new TrainingHistory(List.of(
                new EpochRecord(1, 0.75, null, null, null, null, null, null, null, 1e-3, 640.0, 12.5),
                new EpochRecord(2, 0.5, null, null, 0.6, null, null, 0.9, null, 1e-3, 640.0, 12.5)));
        String markdown = MarkdownReport.render(withHistory(history), List.of());

        assertTrue(markdown.contains("| Epoch | Train loss | Val loss | Val A acc | LR |"));
        assertTrue(markdown.contains("| 1 | 0.75000 | n/a | n/a |"));
        assertTrue(markdown.contains("| 2 | 0.50000 | 0.60000 | 0.9000 |"));
    }

    @Test
    void aClassOutsideTheMacroAverageIsMarked() {
        String markdown = MarkdownReport.render(withHistory(null), List.of());
        assertTrue(markdown.contains("| sd3 (not in macro-F1) |"));
        assertTrue(markdown.contains("> Note: sd3 has no images and no predictions"));
    }
}
