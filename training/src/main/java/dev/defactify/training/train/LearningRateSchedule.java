package dev.defactify.training.train;

/**
 * Linear warm-up from a small fraction of the base rate, then cosine decay to {@code finalFraction} of it.
 * A pure function of the global step so that a resumed run sees exactly the rates an uninterrupted one would.
 */
public record LearningRateSchedule(double baseRate, long warmupSteps, long totalSteps, double finalFraction) {

    public LearningRateSchedule {
        if (baseRate <= 0 || totalSteps < 1 || warmupSteps < 0 || finalFraction < 0 || finalFraction > 1) {
            throw new IllegalArgumentException("invalid learning-rate schedule: base " + baseRate + ", warm-up "
                    + warmupSteps + ", total " + totalSteps + ", final fraction " + finalFraction);
        }
    }

    /** The rate for the given 0-based step. */
    public double rateAt(long step) {
        if (step < warmupSteps) {
            return baseRate * (step + 1) / (warmupSteps + 1);
        }
        long decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return baseRate * (finalFraction + (1 - finalFraction) * cosine);
    }
}
