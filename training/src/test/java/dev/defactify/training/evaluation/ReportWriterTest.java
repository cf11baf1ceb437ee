package dev.defactify.training.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.contract.label.SourceLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {

    @TempDir
    Path directory;

    @Test
    void reportJsonReadsBackWithTheExpectedFields() throws IOException {
        EvaluationReport report = SampleReports.withHistory();
        WrittenReport written = new ReportWriter().write(report, directory);

        JsonNode root = new ObjectMapper().readTree(written.json().toFile());
        // "splits" and "calibration" (issue 5) come last, so the older fields keep their places.
        assertEquals(List.of("createdAt", "dataset", "split", "count", "run", "taskA", "taskB", "trainingHistory",
                "splits", "calibration"), fieldNames(root));
        assertEquals(SampleReports.CREATED_AT, root.get("createdAt").asText());
        assertEquals(360, root.get("count").asLong());
        assertEquals("run-42", root.at("/run/runId").asText());
        assertEquals(12, root.at("/run/epochs").asInt());

        JsonNode taskA = root.get("taskA");
        assertTrue(taskA.get("accuracy").isDouble(), "metrics are JSON numbers, not strings");
        assertEquals(report.taskA().accuracy(), taskA.get("accuracy").asDouble());
        assertEquals(report.taskA().rocAuc(), taskA.get("rocAuc").asDouble());
        assertEquals(report.taskA().counts().truePositives(), taskA.at("/confusion/truePositives").asLong());
        assertEquals(List.of("sd21", "sdxl", "sd3", "dalle3", "midjourney6"),
                fieldNames(taskA.get("perGeneratorDetection")));
        assertTrue(taskA.at("/bestThreshold/accuracy").isNumber());

        JsonNode taskB = root.get("taskB");
        assertEquals(report.taskB().macroF1(), taskB.get("macroF1").asDouble());
        assertEquals(SourceLabel.slugs(), fieldNames(taskB.get("perClass")));
        assertEquals(report.taskB().perClass().get("sd3").f1(), taskB.at("/perClass/sd3/f1").asDouble());
        JsonNode counts = taskB.at("/confusionMatrix/counts");
        assertEquals(6, counts.size());
        assertEquals(report.taskB().confusionMatrix().count(SourceLabel.SD21, SourceLabel.SDXL),
                counts.get(SourceLabel.SD21.index()).get(SourceLabel.SDXL.index()).asLong());

        assertEquals(12, root.get("trainingHistory").size());
        assertEquals(1, root.at("/trainingHistory/0/epoch").asInt());
    }

    @Test
    void anAbsentAucAndAnAbsentHistoryAreJsonNull() throws IOException {
        EvaluationReport onlyReal = EvaluationReport.evaluate("tiny", "test", null,
                new TestPredictions().add(SourceLabel.REAL, 0.3).add(SourceLabel.REAL, 0.6).list(), 0.5, null, "t");
        JsonNode root = new ObjectMapper().readTree(new ReportWriter().json(onlyReal));

        assertTrue(root.at("/taskA/rocAuc").isNull());
        assertTrue(root.at("/taskA/generatedAccuracy").isNull());
        assertTrue(root.get("trainingHistory").isNull());
        assertFalse(root.at("/taskA/notes").isEmpty());
    }

    @Test
    void theSameReportGivesTheSameText() throws IOException {
        ReportWriter writer = new ReportWriter();
        WrittenReport first = writer.write(SampleReports.withHistory(), directory.resolve("a"));
        WrittenReport second = writer.write(SampleReports.withHistory(), directory.resolve("b"));

        assertEquals(Files.readString(first.json()), Files.readString(second.json()));
        assertEquals(Files.readString(first.markdown()), Files.readString(second.markdown()));
        assertFalse(Files.readString(first.json()).contains("\r"));
    }

    @Test
    void markdownHasTheTablesAndLinksThePlots() throws IOException {
        WrittenReport written = new ReportWriter().write(SampleReports.withHistory(), directory);
        String markdown = Files.readString(written.markdown());

        assertTrue(markdown.contains("## Task A: real vs AI-generated"));
        assertTrue(markdown.contains("| ROC-AUC |"));
        assertTrue(markdown.contains("| Generator | Images | Detected | Accuracy |"));
        assertTrue(markdown.contains("## Task B: source attribution"));
        assertTrue(markdown.contains("| Class | Precision | Recall | F1 | Support | Predicted |"));
        assertTrue(markdown.contains("| truth \\ predicted | real | sd21 | sdxl | sd3 | dalle3 | midjourney6 |"));
        assertTrue(markdown.contains("| **sd21** |"));
        assertTrue(markdown.contains("## Training history"));
        assertTrue(markdown.contains("| Epoch | Train loss | Val loss |"));
        assertTrue(markdown.contains("![loss-curves](loss-curves.png)"));
        assertTrue(markdown.contains("![confusion-matrix](confusion-matrix.png)"));
        assertTrue(markdown.contains("![roc](roc.png)"));
    }

    @Test
    void writesThreeReadablePngPlots() throws IOException {
        WrittenReport written = new ReportWriter().write(SampleReports.withHistory(), directory);

        assertEquals(List.of(directory.resolve("loss-curves.png"), directory.resolve("confusion-matrix.png"),
                directory.resolve("roc.png")), written.plots());
        for (Path plot : written.plots()) {
            BufferedImage image = ImageIO.read(plot.toFile());
            assertNotNull(image, plot + " is not a readable PNG");
            assertTrue(image.getWidth() >= 600 && image.getWidth() <= 4000, plot + " width " + image.getWidth());
            assertTrue(image.getHeight() >= 500 && image.getHeight() <= 4000, plot + " height " + image.getHeight());
        }
    }

    @Test
    void withoutHistoryThereIsNoLossPlotAndNoHistorySection() throws IOException {
        WrittenReport written = new ReportWriter().write(SampleReports.withoutHistory(), directory);

        assertFalse(Files.exists(directory.resolve("loss-curves.png")));
        assertEquals(2, written.plots().size());
        String markdown = Files.readString(written.markdown());
        assertFalse(markdown.contains("Training history"));
        assertFalse(markdown.contains("loss-curves.png"));
    }

    @Test
    void withOneClassThereIsNoRocPlot() throws IOException {
        EvaluationReport onlyGenerated = EvaluationReport.evaluate("tiny", "test", null,
                new TestPredictions().add(SourceLabel.SD3, 0.3).add(SourceLabel.DALLE3, 0.6).list(), 0.5, null, "t");
        WrittenReport written = new ReportWriter().write(onlyGenerated, directory);

        assertFalse(Files.exists(directory.resolve("roc.png")));
        assertEquals(List.of(directory.resolve("confusion-matrix.png")), written.plots());
        assertTrue(Files.readString(written.markdown()).contains("| ROC-AUC | n/a |"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
