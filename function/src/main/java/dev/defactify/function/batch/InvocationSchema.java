package dev.defactify.function.batch;

import java.util.Arrays;
import java.util.Optional;

/**
 * The two payloads S3 Batch Operations sends a Lambda function (the job's {@code InvocationSchemaVersion}). 1.0
 * names each task's bucket by ARN ({@code s3BucketArn}); 2.0 by name ({@code s3Bucket}) and adds the job's
 * {@code userArguments}. Both send {@code s3Key} URL-encoded, as the manifest lists it.
 */
public enum InvocationSchema {
    V1("1.0"),
    V2("2.0");

    private final String version;

    InvocationSchema(String version) {
        this.version = version;
    }

    public String version() {
        return version;
    }

    static Optional<InvocationSchema> of(String version) {
        return Arrays.stream(values()).filter(schema -> schema.version.equals(version)).findFirst();
    }
}
