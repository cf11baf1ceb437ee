package dev.defactify.function.events;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * One object named by an S3 event record, with its key decoded: S3 sends keys form-URL-encoded ({@code +} for a
 * space, {@code %XX} for the rest).
 */
public record S3Object(String bucket, String key, String versionId, String eTag) {

    public static S3Object fromEvent(String bucket, String encodedKey, String versionId, String eTag) {
        return new S3Object(bucket, URLDecoder.decode(encodedKey, StandardCharsets.UTF_8), blankToNull(versionId),
                blankToNull(eTag));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
