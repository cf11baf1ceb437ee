package dev.defactify.training.data.parquet;

/** What became of one parquet row. Only {@link #OK} rows are served; every other status is counted and reported. */
public enum RowStatus {
    OK("ok"),
    /** {@code Image.bytes} is null or empty: nothing to train on. */
    MISSING_IMAGE("missing-image"),
    /**
     * The bytes do not decode through the contract's decoder, the one serving uses: no recognised format or header,
     * or a readable header whose image data is broken or cut short.
     */
    UNDECODABLE_IMAGE("undecodable-image"),
    /** {@code Label_B} is null or a code outside the dataset card's 0..5. */
    UNKNOWN_SOURCE("unknown-source"),
    /** {@code Label_A} disagrees with {@code Label_B}; which of the two is wrong cannot be known. */
    LABEL_MISMATCH("label-mismatch");

    private final String slug;

    RowStatus(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }

    static RowStatus ofSlug(String slug) {
        for (RowStatus status : values()) {
            if (status.slug.equals(slug)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown row status '" + slug + "'");
    }
}
