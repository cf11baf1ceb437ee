package dev.defactify.function.api;

import dev.defactify.function.problem.ProblemKind;
import dev.defactify.function.source.ImageInput;
import io.swagger.v3.oas.annotations.media.Schema;

/** A JSON image reference: exactly one of {@code s3Uri} and {@code imageBase64}. */
public record ImageRequest(
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, description = "s3://bucket/key of an object in a"
                + " bucket of ALLOWED_BUCKETS (the key as stored, not URL-encoded)",
                example = "s3://my-bucket/uploads/photo.jpg")
        String s3Uri,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, description = "the image's bytes, base64")
        String imageBase64) {

    ImageInput toInput() {
        if ((s3Uri == null) == (imageBase64 == null)) {
            throw ProblemKind.MALFORMED_REQUEST.exception("give exactly one of \"s3Uri\" and \"imageBase64\"");
        }
        return s3Uri != null ? new ImageInput.S3Uri(s3Uri) : new ImageInput.Base64Text(imageBase64);
    }
}
