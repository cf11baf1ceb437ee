package dev.defactify.training.train;

import dev.defactify.training.evaluation.EpochRecord;
import java.util.List;
import java.util.Map;

/**
 * What {@code run.json} holds: enough to evaluate, export and reproduce the run.
 *
 * @param bestEpoch the epoch whose weights are in model.safetensors (chosen on validation, never on test)
 * @param stoppedEarlyAtEpoch the last epoch trained when early stopping ended the run before {@code config.epochs},
 *                            else null
 */
public record RunRecord(TrainingConfig config, String dataset, Map<String, Map<String, Integer>> classCounts,
                        String device, String gitCommit, float positiveWeight, List<EpochRecord> history,
                        int bestEpoch, double trainingSeconds, String finishedAt,
                        Integer stoppedEarlyAtEpoch) {
}
