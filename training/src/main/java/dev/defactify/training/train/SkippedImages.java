package dev.defactify.training.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The images one pass over a split (a training epoch, a validation pass) had to leave out because they no longer
 * read or decoded. Preparing the dataset decodes every image once, so this is a file that changed on disk since; a
 * few of those are not worth a lost run, but many mean the data is not what was prepared. Up to {@code maxShare} of
 * the pass's visits are skipped and counted; the next one ends the run with one line naming the count, the share and
 * the option that sets it. The share is per pass, so a run is never stopped by failures summed over epochs.
 */
final class SkippedImages implements Consumer<BatchLoader.SkippedImage> {
    static final String OPTION = "--max-skipped-share";
    private static final int MAX_EXAMPLES = 3;

    private final String pass;
    private final String images;
    private final int visits;
    private final double maxShare;
    private final List<BatchLoader.SkippedImage> skipped = new ArrayList<>();

    /**
     * @param pass     names the pass in the stop message: "train epoch 2/30"
     * @param images   what is visited, plural: "training images"
     * @param visits   how many images the pass visits, skipped ones included: the share's denominator
     */
    SkippedImages(String pass, String images, int visits, double maxShare) {
        this.pass = pass;
        this.images = images;
        this.visits = visits;
        this.maxShare = maxShare;
    }

    @Override
    public void accept(BatchLoader.SkippedImage image) {
        skipped.add(image);
        if (skipped.size() > maxShare * visits) {
            throw new IllegalStateException(String.format(Locale.ROOT, "%s: %d of %d %s (%s) did not decode, more "
                    + "than %s %s allows (%s); e.g. %s; fix or remove these files (or prepare the dataset again), or "
                    + "raise %s (config key maxSkippedShare)", pass, skipped.size(), visits, images,
                    percent(skipped.size() / (double) visits), OPTION, maxShare, percent(maxShare), examples(), OPTION));
        }
    }

    int count() {
        return skipped.size();
    }

    /** For the log: "1 of 24 training images (4.2%) did not decode and were left out (allowed: 5.0%, ...); e.g. ...". */
    String summary() {
        return String.format(Locale.ROOT, "%d of %d %s (%s) did not decode and were left out (allowed: %s, %s); e.g. %s",
                skipped.size(), visits, images, percent(skipped.size() / (double) visits), percent(maxShare), OPTION,
                examples());
    }

    private String examples() {
        List<String> named = skipped.stream().limit(MAX_EXAMPLES)
                .map(image -> image.image().id() + ": " + image.reason()).toList();
        return String.join("; ", named);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
