package dev.defactify.function.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/** An object (or prefix) in S3, parsed from {@code s3://bucket/key}; no other scheme is ever accepted. */
public record S3Location(String bucket, String key) {
    private static final String SCHEME = "s3://";

    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }

    /**
     * @throws IllegalArgumentException naming what is wrong, for anything but {@code s3://bucket/key}
     */
    public static S3Location parse(String uri) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            throw new IllegalArgumentException("expected an s3://bucket/key URI, got " + quote(uri));
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (!isBucketName(bucket)) {
            throw new IllegalArgumentException("not a valid S3 bucket name in " + quote(uri));
        }
        return new S3Location(bucket, key);
    }

    /** S3's naming rules (3-63 lowercase letters, digits, '.', '-'): rejects hosts, ports and userinfo. */
    public static boolean isBucketName(String bucket) {
        return bucket != null && bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    }

    public S3Location resolve(String name) {
        String prefix = key.isEmpty() || key.endsWith("/") ? key : key + "/";
        return new S3Location(bucket, prefix + name);
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
