package dev.defactify.function.source;

/**
 * Image bytes ready to score.
 *
 * @param fetchMillis time spent getting them (0 for bytes that came with the request)
 * @param versionId   the S3 object version read, or {@code null}
 * @param eTag        the S3 object's ETag, or {@code null}
 */
public record FetchedImage(byte[] bytes, double fetchMillis, String versionId, String eTag) {

    public static FetchedImage inline(byte[] bytes) {
        return new FetchedImage(bytes, 0, null, null);
    }
}
