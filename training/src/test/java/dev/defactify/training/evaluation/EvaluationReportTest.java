package dev.defactify.training.evaluation;

import dev.defactify.contract.label.SourceLabel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationReportTest {

    @Test
    void metricsSummaryHasTheManifestShape() {
        EvaluationReport report = SampleReports.withHistory();
        Map<String, Object> summary = report.metricsSummary();

        assertEquals(List.of("taskA", "taskB"), List.copyOf(summary.keySet()));
        Map<?, ?> taskA = (Map<?, ?>) summary.get("taskA");
        assertEquals(List.of("accuracy", "precision", "recall", "f1", "rocAuc"), List.copyOf(taskA.keySet()));
        assertEquals(report.taskA().rocAuc(), taskA.get("rocAuc"));
        Map<?, ?> taskB = (Map<?, ?>) summary.get("taskB");
        assertEquals(List.of("accuracy", "macroF1", "perClassF1"), List.copyOf(taskB.keySet()));
        Map<?, ?> perClassF1 = (Map<?, ?>) taskB.get("perClassF1");
        assertEquals(SourceLabel.slugs(), List.copyOf(perClassF1.keySet()));
        assertEquals(report.taskB().perClass().get("dalle3").f1(), perClassF1.get("dalle3"));
    }

    @Test
    void metricsSummaryCarriesANullAucWhenUndefined() {
        EvaluationReport report = EvaluationReport.evaluate("tiny", "test", Map.of(),
                new TestPredictions().add(SourceLabel.REAL, 0.3).list(), 0.5, null, "t");
        assertNull(((Map<?, ?>) report.metricsSummary().get("taskA")).get("rocAuc"));
    }

    @Test
    void anEmptyHistoryCountsAsNoHistory() {
        EvaluationReport report = EvaluationReport.evaluate("tiny", "test", Map.of(),
                new TestPredictions().add(SourceLabel.REAL, 0.3).list(), 0.5, TrainingHistory.empty(), "t");
        assertTrue(report.trainingHistory().isEmpty());
    }

    @Test
    void consoleSummaryIsAFewAlignedLines() {
        String summary = ConsoleSummary.render(SampleReports.withHistory());
        String[] lines = summary.split("\n");

        assertEquals(5, lines.length);
        assertTrue(lines[0].startsWith("Evaluation   Defactify sample [val], 360 images"));
        assertTrue(lines[1].startsWith("Task A       acc "));
        assertTrue(lines[3].startsWith("Task B       acc "));
        assertTrue(lines[4].contains("midjourney6 "));
        for (String line : lines) {
            assertTrue(line.charAt(12) == ' ' && line.charAt(13) != ' ', "values start in column 13: " + line);
        }
    }
}
