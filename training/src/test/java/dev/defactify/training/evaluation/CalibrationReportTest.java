package dev.defactify.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The side-by-side table and the calibration section in report.md and report.json. */
class CalibrationReportTest {

    @TempDir
    Path dir;

    @Test
    void reportsValidationAndTestSideBySideWithTheCalibration() throws Exception {
        List<Prediction> validation = SampleReports.predictions(10, 3L);
        List<Prediction> test = SampleReports.predictions(10, 4L);
        EvaluationReport plain = EvaluationReport.evaluate("sample", "test", Map.of(), test, 0.5, null,
                SampleReports.CREATED_AT);
        SplitCalibration onVal = new SplitCalibration("val", validation.size(), 0.7, 0.5,
                Reliability.ofAiProbability(validation), Reliability.ofAiProbability(validation), 1.2, 1.0,
                Reliability.ofTopSource(validation), Reliability.ofTopSource(validation),
                AttributionConfidence.of(validation, 0.6));
        CalibrationSection section = new CalibrationSection(1.5, 0.9, 0.6, 0.9, "validation", "the rule",
                List.of(onVal));
        EvaluationReport report = plain.with(List.of(new SplitHeadline("val", validation.size(),
                TaskAMetrics.evaluate(validation), TaskBMetrics.evaluate(validation)), SplitHeadline.of(plain)),
                section);

        WrittenReport written = new ReportWriter().write(report, dir);
        String markdown = java.nio.file.Files.readString(written.markdown());
        assertTrue(markdown.contains("| Metric | val (60) | test (60) |"), markdown);
        assertTrue(markdown.contains("Unknown source below 0.6000: the rule"), markdown);
        assertTrue(!markdown.contains("search bound"), "fitted temperatures carry no note");
        assertTrue(markdown.contains("| Task A NLL before → after | 0.70000 → 0.50000 |"), markdown);

        JsonNode json = new ObjectMapper().readTree(written.json().toFile());
        assertEquals("val", json.get("splits").get(0).get("split").asText());
        assertEquals(1.5, json.get("calibration").get("aiTemperature").asDouble());
        assertEquals(15, json.get("calibration").get("eceBins").asInt());
        JsonNode unknown = json.get("calibration").get("splits").get(0).get("unknownSource");
        assertEquals(AttributionConfidence.of(validation, 0.6).coverage(), unknown.get("coverage").asDouble());

        // Without calibration the report keeps its old shape plus an empty table and a null section.
        JsonNode old = new ObjectMapper().readTree(new ReportWriter().json(plain));
        assertEquals(0, old.get("splits").size());
        assertTrue(old.get("calibration").isNull());
    }

    @Test
    void aTemperatureOnTheSearchBoundIsFlagged() throws Exception {
        List<Prediction> validation = SampleReports.predictions(10, 5L);
        EvaluationReport plain = EvaluationReport.evaluate("sample", "test", Map.of(), validation, 0.5, null,
                SampleReports.CREATED_AT);
        SplitCalibration onVal = new SplitCalibration("val", validation.size(), 0.7, 0.5,
                Reliability.ofAiProbability(validation), Reliability.ofAiProbability(validation), 1.2, 1.0,
                Reliability.ofTopSource(validation), Reliability.ofTopSource(validation),
                AttributionConfidence.of(validation, 0.6));
        EvaluationReport report = plain.with(List.of(SplitHeadline.of(plain)), new CalibrationSection(0.05, 1.0, 0.6,
                0.9, "validation", "the rule", List.of(onVal)));
        String markdown = java.nio.file.Files.readString(new ReportWriter().write(report, dir).markdown());
        assertTrue(markdown.contains("aiTemperature 0.0500 is at the search bound"), markdown);
        assertTrue(!markdown.contains("sourceTemperature 1.0000 is at the search bound"), markdown);
    }
}
