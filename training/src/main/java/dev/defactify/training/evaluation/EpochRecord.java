package dev.defactify.training.evaluation;

/**
 * One finished training epoch. The component losses and all validation numbers are nullable: a run may train
 * without a validation split, or with a loss that does not expose its binary and attribution parts.
 *
 * @param epoch           1-based
 * @param trainLoss       mean total loss over the epoch's batches
 * @param imagesPerSecond training throughput, for spotting data-loading stalls between runs
 * @param seconds         wall time of the epoch, validation included
 * @param skippedImages   images the epoch's training and validation passes left out because they no longer
 *                        decoded (histories recorded before this existed read back as 0)
 */
public record EpochRecord(
        int epoch,
        double trainLoss,
        Double trainBinaryLoss,
        Double trainSourceLoss,
        Double valLoss,
        Double valBinaryLoss,
        Double valSourceLoss,
        Double valTaskAAccuracy,
        Double valTaskBMacroF1,
        double learningRate,
        double imagesPerSecond,
        double seconds,
        int skippedImages) {

    public EpochRecord {
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs are 1-based, got " + epoch);
        }
        // A NaN loss must fail loudly here: JSON cannot hold it and a plotted NaN silently drops the point.
        requireFinite("trainLoss", trainLoss);
        requireFinite("learningRate", learningRate);
        requireFinite("imagesPerSecond", imagesPerSecond);
        requireFinite("seconds", seconds);
        requireFiniteOrAbsent("trainBinaryLoss", trainBinaryLoss);
        requireFiniteOrAbsent("trainSourceLoss", trainSourceLoss);
        requireFiniteOrAbsent("valLoss", valLoss);
        requireFiniteOrAbsent("valBinaryLoss", valBinaryLoss);
        requireFiniteOrAbsent("valSourceLoss", valSourceLoss);
        requireFiniteOrAbsent("valTaskAAccuracy", valTaskAAccuracy);
        requireFiniteOrAbsent("valTaskBMacroF1", valTaskBMacroF1);
        if (skippedImages < 0) {
            throw new IllegalArgumentException("skippedImages must be >= 0, was " + skippedImages);
        }
    }

    /** An epoch that skipped no image. */
    public EpochRecord(int epoch, double trainLoss, Double trainBinaryLoss, Double trainSourceLoss, Double valLoss,
                       Double valBinaryLoss, Double valSourceLoss, Double valTaskAAccuracy, Double valTaskBMacroF1,
                       double learningRate, double imagesPerSecond, double seconds) {
        this(epoch, trainLoss, trainBinaryLoss, trainSourceLoss, valLoss, valBinaryLoss, valSourceLoss,
                valTaskAAccuracy, valTaskBMacroF1, learningRate, imagesPerSecond, seconds, 0);
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, was " + value);
        }
    }

    private static void requireFiniteOrAbsent(String name, Double value) {
        if (value != null) {
            requireFinite(name, value);
        }
    }
}
