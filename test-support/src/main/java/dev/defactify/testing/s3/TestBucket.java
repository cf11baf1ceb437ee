package dev.defactify.testing.s3;

import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A bucket of its own for one test on an {@link S3TestServer}, with the few object operations tests need
 * spelled short. {@link #s3()} is the server's shared client: use it, don't close it.
 */
public record TestBucket(S3Client s3, String name) {

    public void put(String key, byte[] bytes) {
        s3.putObject(b -> b.bucket(name).key(key), RequestBody.fromBytes(bytes));
    }

    /** The object's bytes; throws {@link software.amazon.awssdk.services.s3.model.NoSuchKeyException} if absent. */
    public byte[] get(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(name).key(key)).asByteArray();
    }

    /** Every key under the prefix, in S3's order (UTF-8 binary), across as many pages as it takes. */
    public List<String> keys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(name).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    public List<String> keys() {
        return keys("");
    }

    /** An s3:// URI for code under test that takes object locations in that form. */
    public String uri(String key) {
        return "s3://" + name + "/" + key;
    }
}
