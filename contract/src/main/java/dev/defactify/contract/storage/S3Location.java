package dev.defactify.contract.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * An {@code s3://bucket/key} address, one definition for the whole project: training publishes to and reads datasets
 * from these, serving resolves {@code MODEL_URI}, {@code current.json} and {@code s3Uri} with it, so both sides agree on
 * what a prefix is. A key that is empty or ends in '/' is a prefix: {@link #resolve} appends to it.
 */
public record S3Location(String bucket, String key) {
    public static final String SCHEME = "s3://";

    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (bucket.isBlank() || bucket.contains("/")) {
            throw new IllegalArgumentException("not an S3 bucket name: '" + bucket + "'");
        }
    }

    public static boolean isS3(String text) {
        return text != null && text.startsWith(SCHEME);
    }

    /**
     * The structure only: scheme, a bucket, an optional key. Callers that take addresses from clients add
     * {@link #requireBucketName()}.
     *
     * @throws IllegalArgumentException when the text is not {@code s3://bucket[/key]}
     */
    public static S3Location parse(String uri) {
        if (!isS3(uri)) {
            throw new IllegalArgumentException("expected an s3://bucket/key URI, got " + quote(uri));
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("no bucket in " + quote(uri));
        }
        return new S3Location(bucket, key);
    }

    /** S3's naming rules (3-63 lowercase letters, digits, '.', '-'): rejects hosts, ports and userinfo. */
    public static boolean isBucketName(String bucket) {
        return bucket != null && bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    }

    /**
     * @return this location
     * @throws IllegalArgumentException when the bucket breaks S3's naming rules
     */
    public S3Location requireBucketName() {
        if (!isBucketName(bucket)) {
            throw new IllegalArgumentException("not a valid S3 bucket name in " + quote(toString()));
        }
        return this;
    }

    /** The same location as a prefix: {@code models/defactifynet} and {@code models/defactifynet/} are one place. */
    public S3Location asPrefix() {
        return key.isEmpty() || key.endsWith("/") ? this : new S3Location(bucket, key + "/");
    }

    /** A key under this prefix; {@code relative} uses '/' separators and may itself end in '/'. */
    public S3Location resolve(String relative) {
        return new S3Location(bucket, asPrefix().key + relative);
    }

    public URI toUri() {
        try {
            return new URI("s3", bucket, "/" + key, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }

    private static String quote(String value) {
        return value == null ? "nothing" : "\"" + value + "\"";
    }
}
