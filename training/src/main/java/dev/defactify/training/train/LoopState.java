package dev.defactify.training.train;

import dev.defactify.training.evaluation.EpochRecord;
import java.util.List;

/** The training loop's position after an epoch, saved beside each checkpoint so {@code train} can resume. */
public record LoopState(int epoch, long step, int bestEpoch, double bestScore, double bestLoss,
                        List<EpochRecord> history, double trainingSeconds) {
    public LoopState {
        history = List.copyOf(history);
    }

    static LoopState fresh() {
        return new LoopState(0, 0, 0, -1, Double.MAX_VALUE, List.of(), 0);
    }
}
