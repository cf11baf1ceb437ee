package dev.defactify.function.model;

import dev.defactify.contract.storage.S3Location;

import java.nio.file.Path;

/** Where {@code MODEL_URI} says the model is: the three forms of DESIGN §3. */
public sealed interface ModelLocation {

    /** A folder holding {@code model.onnx} and {@code manifest.json}. */
    record Directory(Path path) implements ModelLocation {
    }

    /** An S3 prefix of one published version: {@code s3://bucket/models/defactifynet/<version>/}. */
    record S3Version(S3Location prefix) implements ModelLocation {
    }

    /** The promotion pointer {@code s3://…/current.json}, resolved once to the version it names. */
    record S3Pointer(S3Location pointer) implements ModelLocation {
    }

    /**
     * @throws IllegalArgumentException for a blank value or a URL scheme other than {@code s3://}
     */
    static ModelLocation parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("MODEL_URI is not set: give a model directory, an s3://bucket/prefix/"
                    + " of a model version, or an s3://…/current.json pointer");
        }
        String value = uri.strip();
        if (value.startsWith("s3://")) {
            S3Location location = S3Location.parse(value).requireBucketName();
            return location.key().endsWith(".json") ? new S3Pointer(location) : new S3Version(location);
        }
        if (value.matches("^[A-Za-z][A-Za-z0-9+.-]+://.*")) {
            throw new IllegalArgumentException("MODEL_URI " + value + " uses an unsupported scheme; only s3:// URIs"
                    + " and local directories are accepted");
        }
        return new Directory(Path.of(value));
    }
}
