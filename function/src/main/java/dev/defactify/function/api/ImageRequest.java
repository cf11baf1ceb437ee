package dev.defactify.function.api;

import dev.defactify.function.problem.ProblemKind;
import dev.defactify.function.source.ImageInput;

/** A JSON image reference: exactly one of {@code s3Uri} and {@code imageBase64}. */
public record ImageRequest(String s3Uri, String imageBase64) {

    ImageInput toInput() {
        if ((s3Uri == null) == (imageBase64 == null)) {
            throw ProblemKind.MALFORMED_REQUEST.exception("give exactly one of \"s3Uri\" and \"imageBase64\"");
        }
        return s3Uri != null ? new ImageInput.S3Uri(s3Uri) : new ImageInput.Base64Text(imageBase64);
    }
}
