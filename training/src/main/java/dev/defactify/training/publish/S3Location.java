package dev.defactify.training.publish;

import java.util.Objects;

/**
 * An {@code s3://bucket/key} address. A key ending in '/' (or empty) is a prefix: {@link #resolve} appends to it, and
 * the function expects {@code current.json}'s prefix in exactly that form.
 */
public record S3Location(String bucket, String key) {
    private static final String SCHEME = "s3://";

    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (bucket.isBlank() || bucket.contains("/")) {
            throw new IllegalArgumentException("not an S3 bucket name: '" + bucket + "'");
        }
    }

    /** @throws IllegalArgumentException when the text is not {@code s3://bucket[/key]} */
    public static S3Location parse(String uri) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            throw new IllegalArgumentException("expected an s3://bucket/prefix/ URI, got '" + uri + "'");
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("no bucket in '" + uri + "'");
        }
        return new S3Location(bucket, key);
    }

    /** The same location as a prefix: {@code models/defactifynet} and {@code models/defactifynet/} are one place. */
    public S3Location asPrefix() {
        return key.isEmpty() || key.endsWith("/") ? this : new S3Location(bucket, key + "/");
    }

    /** A key under this prefix; {@code relative} uses '/' separators and may itself end in '/'. */
    public S3Location resolve(String relative) {
        return new S3Location(bucket, asPrefix().key + relative);
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
