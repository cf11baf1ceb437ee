package dev.defactify.training.evaluation;

/**
 * One non-empty bin of a reliability diagram.
 *
 * @param lower          the bin's lower edge (inclusive)
 * @param upper          its upper edge (exclusive, except the last bin, which includes 1)
 * @param count          images whose probability fell in the bin
 * @param meanConfidence mean predicted probability of the images in the bin
 * @param observed       share of those images for which the predicted event happened
 */
public record ReliabilityBin(double lower, double upper, long count, double meanConfidence, double observed) {

    /** How far the bin's forecasts are from what happened. */
    public double gap() {
        return Math.abs(observed - meanConfidence);
    }
}
