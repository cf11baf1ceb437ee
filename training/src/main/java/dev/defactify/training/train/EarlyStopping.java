package dev.defactify.training.train;

import dev.defactify.training.evaluation.EpochRecord;
import java.util.List;

/**
 * Stops training once validation macro-F1 (the score the best epoch is chosen by) has not improved for
 * {@code patience} epochs. Decided from the recorded history alone, so a resumed run stops where an uninterrupted
 * one would. Only a strictly higher macro-F1 counts as an improvement: the validation-loss tie-break that picks
 * between equal-F1 epochs is not progress worth waiting for.
 *
 * @param patience epochs without improvement to tolerate; 0 never stops early
 */
public record EarlyStopping(int patience) {

    public EarlyStopping {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
    }

    public boolean shouldStop(List<EpochRecord> history) {
        if (patience == 0 || history.isEmpty()) {
            return false;
        }
        int bestEpoch = -1;
        double best = Double.NEGATIVE_INFINITY;
        for (EpochRecord record : history) {
            Double f1 = record.valTaskBMacroF1();
            if (f1 != null && !f1.isNaN() && f1 > best) {
                best = f1;
                bestEpoch = record.epoch();
            }
        }
        // without a validation score there is nothing to wait for an improvement of
        return bestEpoch > 0 && history.getLast().epoch() - bestEpoch >= patience;
    }
}
