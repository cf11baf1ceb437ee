package dev.defactify.training.weights;

/**
 * A safetensors file could not be read or written. Unchecked because callers (model loaders, CLI
 * commands) cannot recover from a corrupt weights file and would only rethrow it.
 */
public final class SafetensorsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SafetensorsException(String message) {
        super(message);
    }

    public SafetensorsException(String message, Throwable cause) {
        super(message, cause);
    }

    static SafetensorsException inFile(String source, String detail) {
        return new SafetensorsException(source + ": " + detail);
    }

    static SafetensorsException inTensor(String source, String tensorName, String detail) {
        return new SafetensorsException(source + ": tensor '" + tensorName + "': " + detail);
    }
}
