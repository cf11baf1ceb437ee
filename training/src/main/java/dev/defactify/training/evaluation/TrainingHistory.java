package dev.defactify.training.evaluation;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** The epochs of one training run, in order. */
public record TrainingHistory(List<EpochRecord> epochs) {

    public TrainingHistory {
        epochs = List.copyOf(epochs);
        for (int i = 1; i < epochs.size(); i++) {
            if (epochs.get(i).epoch() <= epochs.get(i - 1).epoch()) {
                throw new IllegalArgumentException("epochs must be strictly increasing, got "
                        + epochs.get(i - 1).epoch() + " then " + epochs.get(i).epoch());
            }
        }
    }

    public static TrainingHistory empty() {
        return new TrainingHistory(List.of());
    }

    public boolean isEmpty() {
        return epochs.isEmpty();
    }

    public int size() {
        return epochs.size();
    }

    /** True when at least one epoch recorded this value; decides whether a column or plot series is shown. */
    public boolean has(Function<EpochRecord, Double> value) {
        return epochs.stream().map(value).anyMatch(Objects::nonNull);
    }
}
