package dev.defactify.function.scoring;

/** The detector cannot take this image right now (memory for decoding); the same request can succeed later. */
public final class DetectorBusyException extends RuntimeException {
    public DetectorBusyException(String message) {
        super(message);
    }
}
