package dev.defactify.function.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.defactify.function.problem.Problem;
import dev.defactify.function.scoring.Detection;

/**
 * What lands at {@code <results prefix><key>.json}: the detection of DESIGN §4 plus where the image was, or, for
 * an object that can never be scored (not an image, too large), the problem — a recorded failure, not a silent
 * drop.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"bucket", "key", "versionId", "eTag", "error"})
public record S3ObjectResult(String bucket, String key, String versionId, String eTag,
                             @JsonUnwrapped Detection detection, Problem error) {
}
