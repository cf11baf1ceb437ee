package dev.defactify.training.data;

/** A dataset on disk does not have the layout or content it claims; the message says what to fix. */
public class InvalidDatasetException extends RuntimeException {

    public InvalidDatasetException(String message) {
        super(message);
    }

    public InvalidDatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
