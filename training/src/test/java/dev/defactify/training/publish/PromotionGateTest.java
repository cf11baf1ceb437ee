package dev.defactify.training.publish;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gate's rule, case by case, without S3. */
class PromotionGateTest {
    private static final Optional<ValidationMetrics> HELD = Optional.of(new ValidationMetrics(0.90, 0.80));
    private static final Incumbent CURRENT = new Incumbent.Current("v1", HELD);

    private static PromotionDecision decide(boolean force, Optional<ValidationMetrics> candidate, Incumbent incumbent) {
        return new PromotionGate(force).decide("v2", candidate, incumbent);
    }

    @Test
    void theFirstModelIsPromoted() {
        PromotionDecision decision = decide(false, Optional.empty(), new Incumbent.None());
        assertTrue(decision.promote() && decision.write(), decision.line());
    }

    @Test
    void atLeastAsGoodOnBothMetricsIsPromotedTiesIncluded() {
        PromotionDecision better = decide(false, Optional.of(new ValidationMetrics(0.91, 0.85)), CURRENT);
        assertTrue(better.promote() && better.write() && !better.forced(), better.line());
        assertTrue(better.line().contains("0.9100") && better.line().contains("0.9000"), better.line());
        assertTrue(decide(false, Optional.of(new ValidationMetrics(0.90, 0.80)), CURRENT).promote());
    }

    @Test
    void worseOnEitherMetricIsNotPromoted() {
        PromotionDecision worseA = decide(false, Optional.of(new ValidationMetrics(0.89, 0.99)), CURRENT);
        PromotionDecision worseB = decide(false, Optional.of(new ValidationMetrics(0.99, 0.79)), CURRENT);
        assertFalse(worseA.promote() || worseA.write(), worseA.line());
        assertFalse(worseB.promote() || worseB.write(), worseB.line());
        assertTrue(worseA.line().startsWith("NOT PROMOTED") && worseA.line().contains("worse"), worseA.line());
    }

    @Test
    void forcePromotesWhatTheGateRefuses() {
        PromotionDecision forced = decide(true, Optional.of(new ValidationMetrics(0.10, 0.10)), CURRENT);
        assertTrue(forced.promote() && forced.write() && forced.forced(), forced.line());
        assertTrue(forced.line().contains("--force"), forced.line());
    }

    @Test
    void aModelWithoutValidationMetricsNeverReplacesOneWithThem() {
        assertFalse(decide(false, Optional.empty(), CURRENT).promote());
        assertTrue(decide(true, Optional.empty(), CURRENT).promote());
    }

    @Test
    void anythingReplacesAModelWithoutValidationMetrics() {
        Incumbent untrained = new Incumbent.Current("v1", Optional.empty());
        assertTrue(decide(false, HELD, untrained).promote());
        assertTrue(decide(false, Optional.empty(), untrained).promote());
    }

    @Test
    void theSameVersionIsAlreadyCurrentAndNeedsNoWrite() {
        PromotionDecision decision = new PromotionGate(false).decide("v1", Optional.empty(), CURRENT);
        assertTrue(decision.promote(), decision.line());
        assertFalse(decision.write(), decision.line());
    }

    @Test
    void anUnreadableCurrentIsReplacedOnlyByForce() {
        Incumbent broken = new Incumbent.Unreadable("s3://b/current.json", "not valid JSON");
        assertFalse(decide(false, HELD, broken).promote());
        assertTrue(decide(true, HELD, broken).promote());
    }
}
