package dev.defactify.contract.image;

import java.util.Objects;

/**
 * An input we will not turn into a tensor. Checked, because every caller (a request handler, a
 * dataset loader) has to decide what a bad image means for it: a 4xx answer, or a skipped sample.
 */
public final class ImageRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient ImageRejection rejection;

    public ImageRejectedException(ImageRejection rejection) {
        this(rejection, null);
    }

    public ImageRejectedException(ImageRejection rejection, Throwable cause) {
        super(Objects.requireNonNull(rejection, "rejection").message(), cause);
        this.rejection = rejection;
    }

    public ImageRejection rejection() {
        return rejection;
    }
}
