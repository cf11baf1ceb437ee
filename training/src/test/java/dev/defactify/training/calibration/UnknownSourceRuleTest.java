package dev.defactify.training.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.label.SourceLabel;
import dev.defactify.training.evaluation.AttributionConfidence;
import dev.defactify.training.evaluation.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnknownSourceRuleTest {

    @Test
    void picksTheLowestLevelWhoseConfidentAttributionsMeetTheTarget() {
        // Sorted by confidence: 0.95 ok, 0.9 ok, 0.8 ok, 0.7 wrong, 0.6 ok, 0.5 wrong, 0.4 wrong.
        // Accuracy at or above: 1, 1, 1, 3/4, 4/5, 4/6, 4/7.
        List<Prediction> predictions = List.of(attribution(0.95, true), attribution(0.9, true),
                attribution(0.8, true), attribution(0.7, false), attribution(0.6, true), attribution(0.5, false),
                attribution(0.4, false));
        assertEquals(0.8, new UnknownSourceRule(0.9).choose(predictions), 1e-12);
        // at 80% the dip at 0.7 (75%) is crossed again at 0.6 (80%): the lower level wins
        assertEquals(0.6, new UnknownSourceRule(0.8).choose(predictions), 1e-12);
        AttributionConfidence split = AttributionConfidence.of(predictions, 0.6);
        assertEquals(5, split.confident());
        assertEquals(0.8, split.confidentAccuracy(), 1e-12);
        assertEquals(0.0, split.unsureAccuracy(), 1e-12);
        assertEquals(5.0 / 7, split.coverage(), 1e-12);
    }

    @Test
    void flagsNothingWhenEveryAttributionTogetherMeetsTheTarget() {
        List<Prediction> predictions = List.of(attribution(0.9, true), attribution(0.4, true),
                attribution(0.3, true));
        assertEquals(0.0, new UnknownSourceRule(0.9).choose(predictions));
        assertEquals(0.0, new UnknownSourceRule(0.9).choose(List.of()));
    }

    @Test
    void flagsEverythingWhenNoLevelMeetsTheTarget() {
        List<Prediction> predictions = List.of(attribution(0.9, false), attribution(0.5, true));
        double level = new UnknownSourceRule(0.9).choose(predictions);
        assertTrue(level > 0.9 && level < 1, "level " + level);
        assertEquals(0, AttributionConfidence.of(predictions, level).confident());
    }

    @Test
    void tiesAreDecidedTogether() {
        // Two attributions at 0.7, one right and one wrong: 0.7 admits both or neither.
        List<Prediction> predictions = List.of(attribution(0.9, true), attribution(0.7, true),
                attribution(0.7, false));
        assertEquals(0.9, new UnknownSourceRule(0.9).choose(predictions), 1e-12);
    }

    @Test
    void onSyntheticCalibratedDataTheConfidentShareReachesTheTarget() {
        // Each attribution is right with probability equal to its confidence (perfect calibration).
        Random random = new Random(3);
        List<Prediction> validation = new ArrayList<>();
        List<Prediction> test = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            double confidence = 0.2 + 0.8 * random.nextDouble();
            (i % 2 == 0 ? validation : test).add(attribution(confidence, random.nextDouble() < confidence));
        }
        double level = new UnknownSourceRule(0.9).choose(validation);
        // With confidence uniform on [0.2, 1], the share above L is right (1 + L) / 2 of the time: L ≈ 0.8.
        assertEquals(0.8, level, 0.03);
        AttributionConfidence held = AttributionConfidence.of(test, level);
        assertTrue(held.confidentAccuracy() > 0.87, "held-out confident accuracy " + held.confidentAccuracy());
        assertTrue(held.unsureAccuracy() < 0.6, "held-out unsure accuracy " + held.unsureAccuracy());
    }

    @Test
    void refusesATargetOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new UnknownSourceRule(0));
        assertThrows(IllegalArgumentException.class, () -> new UnknownSourceRule(1.5));
    }

    /** A prediction whose top source has probability {@code confidence}, right or wrong as asked. */
    static Prediction attribution(double confidence, boolean correct) {
        double[] p = new double[SourceLabel.count()];
        double rest = (1 - confidence) / (p.length - 1);
        java.util.Arrays.fill(p, rest);
        p[1] = confidence;
        SourceLabel truth = correct ? SourceLabel.ofIndex(1) : SourceLabel.ofIndex(2);
        return new Prediction("img-" + confidence + "-" + correct, truth, 0.5, p);
    }
}
