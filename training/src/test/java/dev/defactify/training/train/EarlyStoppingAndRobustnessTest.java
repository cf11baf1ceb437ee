package dev.defactify.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.contract.image.ResizePolicy;
import dev.defactify.training.augment.AugmentationConfig;
import dev.defactify.training.augment.Range;
import dev.defactify.training.augment.RobustnessCondition;
import dev.defactify.training.data.Split;
import dev.defactify.training.data.demo.DemoDataGenerator;
import dev.defactify.training.evaluation.EpochRecord;
import dev.defactify.training.evaluation.EvaluationReport;
import dev.defactify.training.evaluation.RobustnessRow;
import dev.defactify.training.progress.ProgressReporter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Early stopping on validation macro-F1, and {@code evaluate --robustness}, on tiny demo data. */
class EarlyStoppingAndRobustnessTest {
    private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    @TempDir
    static Path shared;

    static Path data;

    @TempDir
    Path dir;

    @BeforeAll
    static void demoData() {
        data = shared.resolve("data");
        new DemoDataGenerator().generate(data, 3, 21L);
    }

    private static RunRecord train(TrainingConfig config, Path run) throws Exception {
        return new TrainingRun(config, new RunDirectory(run), ProgressReporter.silent(),
                new PrintStream(new ByteArrayOutputStream()), CLOCK).execute(false);
    }

    private static EpochRecord epoch(int epoch, Double macroF1) {
        return new EpochRecord(epoch, 1, null, null, null, null, null, null, macroF1, 1e-3, 1, 1);
    }

    @Test
    void stopsOnlyAfterPatienceEpochsWithoutAStrictImprovement() {
        EarlyStopping two = new EarlyStopping(2);
        assertFalse(two.shouldStop(List.of(epoch(1, 0.5), epoch(2, 0.5))));
        assertTrue(two.shouldStop(List.of(epoch(1, 0.5), epoch(2, 0.5), epoch(3, 0.4))));
        assertFalse(two.shouldStop(List.of(epoch(1, 0.5), epoch(2, 0.4), epoch(3, 0.6))));
        assertFalse(two.shouldStop(List.of(epoch(1, null), epoch(2, null), epoch(3, null))), "no validation score");
        assertFalse(new EarlyStopping(0).shouldStop(List.of(epoch(1, 0.9), epoch(2, 0.1), epoch(3, 0.1))));
    }

    @Test
    void trainingStopsEarlyWhenValidationMacroF1StallsAndRecordsIt() throws Exception {
        // backbone frozen (batch norms in inference mode) and a negligible rate: validation outputs cannot change,
        // so macro-F1 never improves after epoch 1; augmentation is on to show it does not touch validation
        AugmentationConfig augmentation = new AugmentationConfig(0.5, Range.of(50, 90), 0.5, Range.of(0, 2), true,
                Range.of(0.5, 1), 0.5, 0.5, Range.of(0.75, 1.25));
        TrainingConfig config = new TrainingConfig(data.toString(), "small", 4, 16, OptimizerKind.ADAMW, 1e-12, 1.0,
                0, 0.9f, 0, 0.01, 3, 1f, 1f, ClassBalance.POS_WEIGHT, 3, 32, ResizePolicy.CENTER_CROP.slug(), null,
                "cpu", 2, true, augmentation, 1);
        Path runDir = dir.resolve("run");
        RunRecord record = train(config, runDir);
        assertEquals(2, record.history().size());
        assertEquals(2, record.stoppedEarlyAtEpoch());
        assertEquals(1, record.bestEpoch());
        JsonNode runJson = new ObjectMapper().readTree(runDir.resolve("run.json").toFile());
        assertEquals(2, runJson.get("stoppedEarlyAtEpoch").asInt());
        assertEquals(augmentation.name(), runJson.at("/config/augmentation/name").asText());
        assertEquals(1, runJson.at("/config/earlyStopPatience").asInt());
    }

    @Test
    void robustnessEvaluationReportsEveryConditionInJsonAndMarkdown() throws Exception {
        TrainingConfig config = new TrainingConfig(data.toString(), "small", 1, 16, OptimizerKind.ADAMW, 1e-3, 1.0,
                0.05, 0.9f, 0, 0.01, 0, 1f, 1f, ClassBalance.POS_WEIGHT, 4, 32, ResizePolicy.CENTER_CROP.slug(), null,
                "cpu", 2, true);
        Path runDir = dir.resolve("run");
        RunRecord record = train(config, runDir);
        assertNull(record.stoppedEarlyAtEpoch());
        EvaluationReport report;
        try (TrainedRun run = TrainedRun.open(runDir)) {
            report = new RunEvaluation(ProgressReporter.silent(), CLOCK).evaluate(run, null, Split.TEST, true);
        }
        List<String> names = RobustnessCondition.standard().stream().map(RobustnessCondition::name).toList();
        assertEquals(List.of("clean", "jpeg-q90", "jpeg-q75", "jpeg-q50", "resize-0.5x", "blur-sigma1"), names);
        assertEquals(names, report.robustness().stream().map(RobustnessRow::condition).toList());
        RobustnessRow clean = report.robustness().getFirst();
        assertEquals(report.taskA().accuracy(), clean.taskAAccuracy());
        assertEquals(report.taskB().macroF1(), clean.taskBMacroF1());

        JsonNode json = new ObjectMapper().readTree(runDir.resolve("report/report.json").toFile());
        JsonNode conditions = json.at("/robustness/conditions");
        assertEquals(names.size(), conditions.size());
        for (int i = 0; i < names.size(); i++) {
            assertEquals(names.get(i), conditions.get(i).get("condition").asText());
            assertTrue(conditions.get(i).at("/taskA/accuracy").isNumber());
            assertTrue(conditions.get(i).at("/taskA/balancedAccuracy").isNumber());
            assertTrue(conditions.get(i).has("taskA") && conditions.get(i).at("/taskA").has("rocAuc"));
            assertTrue(conditions.get(i).at("/taskB/accuracy").isNumber());
            assertTrue(conditions.get(i).at("/taskB/macroF1").isNumber());
        }
        String markdown = Files.readString(runDir.resolve("report/report.md"));
        assertTrue(markdown.contains("## Robustness"), markdown);
        assertTrue(markdown.contains("| Condition | Task A accuracy | Task A balanced accuracy | Task A ROC-AUC | "
                + "Task B accuracy | Task B macro-F1 |"), markdown);
        names.forEach(name -> assertTrue(markdown.contains("| " + name + " |"), name));

        // without --robustness the report is as it always was
        try (TrainedRun run = TrainedRun.open(runDir)) {
            new RunEvaluation(ProgressReporter.silent(), CLOCK).evaluate(run, null, Split.TEST);
        }
        assertFalse(Files.readString(runDir.resolve("report/report.json")).contains("robustness"));
        assertFalse(Files.readString(runDir.resolve("report/report.md")).contains("Robustness"));
    }
}
