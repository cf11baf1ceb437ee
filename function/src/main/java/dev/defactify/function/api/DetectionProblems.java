package dev.defactify.function.api;

import dev.defactify.function.problem.Problem;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems a detection route can answer, for the OpenAPI document: written once for both routes, kept beside
 * the {@link dev.defactify.function.problem.ProblemKind} statuses they describe (OpenApiDocumentTest checks that
 * every kind's status is here).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiResponse(responseCode = "400", description = "malformed-request: bad JSON, unknown or mistyped fields, both or"
        + " neither of s3Uri and imageBase64, bad base64, not an s3:// URI, empty body, explain not true/false, too many"
        + " batch items", content = @Content(mediaType = Problem.MEDIA_TYPE,
        schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "403", description = "bucket-not-allowed: the s3Uri's bucket is not in ALLOWED_BUCKETS,"
        + " or S3 denied the function's role", content = @Content(mediaType = Problem.MEDIA_TYPE,
        schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "404", description = "object-not-found: no such S3 object",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "413", description = "image-too-large: over MAX_IMAGE_BYTES or MAX_IMAGE_PIXELS",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "415", description = "unsupported-image: bytes that are no supported image; or"
        + " (about:blank) a Content-Type the route does not take",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "422", description = "undecodable-image: a supported format that does not decode"
        + " (truncated, corrupt)", content = @Content(mediaType = Problem.MEDIA_TYPE,
        schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "502", description = "storage-unavailable: S3 failed for another reason",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "503", description = "model-not-loaded (the reason in detail), or busy: retry shortly",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface DetectionProblems {
}
