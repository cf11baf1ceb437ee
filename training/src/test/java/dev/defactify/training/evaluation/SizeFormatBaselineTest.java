package dev.defactify.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.label.SourceLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SizeFormatBaselineTest {

    // Each source with its own container: the classic leak of a scraped dataset.
    private static SizeFormatBaseline.Traits leaky(SourceLabel label, Random random) {
        return switch (label) {
            case REAL -> new SizeFormatBaseline.Traits("jpeg", 640, 480, 90_000 + random.nextInt(60_000));
            case SD21 -> new SizeFormatBaseline.Traits("png", 768, 768, 700_000 + random.nextInt(10_000));
            case SDXL -> new SizeFormatBaseline.Traits("png", 1024, 1024, 1_400_000 + random.nextInt(10_000));
            case SD3 -> new SizeFormatBaseline.Traits("png", 1024, 1024, 2_600_000 + random.nextInt(10_000));
            case DALLE3 -> new SizeFormatBaseline.Traits("webp", 1024, 1024, 300_000 + random.nextInt(10_000));
            case MIDJOURNEY6 -> new SizeFormatBaseline.Traits("png", 1456, 816, 2_000_000 + random.nextInt(10_000));
        };
    }

    // Everything re-encoded to one container and size: byte counts drawn from one distribution for every label.
    private static SizeFormatBaseline.Traits uniform(SourceLabel label, Random random) {
        return new SizeFormatBaseline.Traits("jpeg", 512, 512, 40_000 + random.nextInt(40_000));
    }

    private interface TraitSource {
        SizeFormatBaseline.Traits of(SourceLabel label, Random random);
    }

    private static List<SizeFormatBaseline.Example> examples(int perClass, long seed, TraitSource traits) {
        Random random = new Random(seed);
        List<SizeFormatBaseline.Example> examples = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            for (SourceLabel label : SourceLabel.inHeadOrder()) {
                examples.add(new SizeFormatBaseline.Example(label.slug() + i, label, traits.of(label, random)));
            }
        }
        return examples;
    }

    @Test
    void whenTheContainerGivesTheLabelAwayTheBaselineScoresNearlyPerfectly() {
        SizeFormatBaseline.Result result = SizeFormatBaseline.evaluate(
                examples(200, 1, SizeFormatBaselineTest::leaky), examples(50, 2, SizeFormatBaselineTest::leaky), 0);
        assertTrue(result.taskA().accuracy() > 0.95, result.summary());
        assertTrue(result.taskA().balancedAccuracy() > 0.95, result.summary());
        assertTrue(result.taskB().macroF1() > 0.95, result.summary());
    }

    @Test
    void whenTheContainerSaysNothingTheBaselineIsNearChance() {
        SizeFormatBaseline.Result result = SizeFormatBaseline.evaluate(
                examples(200, 1, SizeFormatBaselineTest::uniform), examples(100, 2, SizeFormatBaselineTest::uniform), 0);
        assertTrue(result.taskA().balancedAccuracy() < 0.6, result.summary());
        assertTrue(result.taskB().macroF1() < 0.3, result.summary());
        assertEquals(600, result.testImages());
    }

    @Test
    void unseenCellsFallBackToCoarserOnes() {
        SizeFormatBaseline baseline = SizeFormatBaseline.learn(List.of(
                new SizeFormatBaseline.Example("a", SourceLabel.REAL, new SizeFormatBaseline.Traits("jpeg", 64, 64, 1000)),
                new SizeFormatBaseline.Example("b", SourceLabel.SD3, new SizeFormatBaseline.Traits("png", 64, 64, 1000))));
        Prediction unseenSize = baseline.predict(new SizeFormatBaseline.Example("c", SourceLabel.SD3,
                new SizeFormatBaseline.Traits("png", 999, 999, 5)));
        assertEquals(SourceLabel.SD3, unseenSize.predictedSource());
        Prediction unseenFormat = baseline.predict(new SizeFormatBaseline.Example("d", SourceLabel.REAL,
                new SizeFormatBaseline.Traits("gif", 64, 64, 1000)));
        assertEquals(0.5, unseenFormat.aiProbability(), 1e-9);
    }
}
