package dev.defactify.function.explain;

/**
 * The model bytes cannot give what the explanation needs: they are not valid protobuf, or a requested initializer
 * is absent, not float32, stored outside the file, or has a shape other than the one expected. Unchecked, because
 * it means a broken deployment artefact rather than a bad request.
 */
public final class OnnxFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean unreadable;

    public OnnxFormatException(String message) {
        this(message, false);
    }

    private OnnxFormatException(String message, boolean unreadable) {
        super(message);
        this.unreadable = unreadable;
    }

    /** The bytes are not protobuf at all (cut short, overwritten): a different fault from a graph lacking a tensor. */
    static OnnxFormatException unreadable(String detail) {
        return new OnnxFormatException(detail, true);
    }

    public boolean unreadable() {
        return unreadable;
    }
}
