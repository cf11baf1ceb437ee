package dev.defactify.training.publish;

/**
 * The local model (or the command line) is not fit to publish; thrown before anything is uploaded. An
 * {@link IllegalArgumentException}, so the CLI reports it in one line with exit code 2, like other bad input.
 */
public final class PublishRefusedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public PublishRefusedException(String message) {
        super(message);
    }

    public PublishRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
