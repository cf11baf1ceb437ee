package dev.defactify.function.problem;

/** The failures of DESIGN §4, each with its status and a stable {@code type} a client can switch on. */
public enum ProblemKind {
    MALFORMED_REQUEST(400, "malformed-request", "Malformed request"),
    BUCKET_NOT_ALLOWED(403, "bucket-not-allowed", "Bucket not allowed"),
    OBJECT_NOT_FOUND(404, "object-not-found", "Object not found"),
    IMAGE_TOO_LARGE(413, "image-too-large", "Image too large"),
    UNSUPPORTED_IMAGE(415, "unsupported-image", "Not a supported image"),
    UNDECODABLE_IMAGE(422, "undecodable-image", "Image could not be decoded"),
    STORAGE_UNAVAILABLE(502, "storage-unavailable", "Storage unavailable"),
    MODEL_NOT_LOADED(503, "model-not-loaded", "Model not loaded"),
    BUSY(503, "busy", "Busy; retry shortly");

    private static final String TYPE_PREFIX = "https://defactify.dev/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemKind(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String type() {
        return TYPE_PREFIX + slug;
    }

    public Problem with(String detail) {
        return new Problem(type(), title, status, detail);
    }

    public ProblemException exception(String detail) {
        return new ProblemException(with(detail));
    }

    public ProblemException exception(String detail, Throwable cause) {
        return new ProblemException(with(detail), cause);
    }
}
