package dev.defactify.training.train;

import java.util.Locale;

/**
 * How the 1:5 real:generated imbalance of Task A is handled. The attribution task is balanced per class already.
 */
public enum ClassBalance {
    /**
     * Weigh the binary loss per class, generated : real = n_real : n_generated (PyTorch's pos_weight ratio), with
     * the mean weight kept at 1.
     */
    POS_WEIGHT("pos-weight"),
    /** Draw each epoch's samples with replacement so real and generated images are equally likely. */
    SAMPLER("sampler"),
    /** Train on the data as it is. */
    NONE("none");

    private final String slug;

    ClassBalance(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    public static ClassBalance parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (ClassBalance balance : values()) {
            if (balance.slug.equals(wanted)) {
                return balance;
            }
        }
        throw new IllegalArgumentException("unknown class balance '" + text + "'; expected pos-weight, sampler or none");
    }

    @Override
    public String toString() {
        return slug;
    }
}
