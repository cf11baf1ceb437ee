package dev.defactify.function.source;

/** The three ways a request can hand over an image (DESIGN §4). */
public sealed interface ImageInput {

    /** Raw bytes of the request body. */
    record Bytes(byte[] data) implements ImageInput {
    }

    /** {@code {"imageBase64": "..."}}. */
    record Base64Text(String text) implements ImageInput {
    }

    /** {@code {"s3Uri": "s3://bucket/key"}}: read with the function's own role, allow-listed buckets only. */
    record S3Uri(String uri) implements ImageInput {
    }
}
