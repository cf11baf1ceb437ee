package dev.defactify.training.data.parquet;

import java.util.Objects;

/**
 * An {@code s3://bucket/prefix/} address of a dataset folder.
 *
 * @param prefix key prefix, empty or ending in '/'
 */
public record S3Prefix(String bucket, String prefix) {

    public static final String SCHEME = "s3://";

    public S3Prefix {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("an s3:// dataset address needs a bucket");
        }
    }

    public static boolean isS3(String source) {
        return source != null && source.startsWith(SCHEME);
    }

    /** "s3://bucket/some/prefix" and "s3://bucket/some/prefix/" both mean the folder some/prefix/. */
    public static S3Prefix parse(String uri) {
        if (!isS3(uri)) {
            throw new IllegalArgumentException("not an s3:// address: " + uri);
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        return new S3Prefix(bucket, prefix);
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + prefix;
    }
}
