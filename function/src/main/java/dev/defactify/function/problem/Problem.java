package dev.defactify.function.problem;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type   what a client switches on: one of {@link ProblemKind}'s, or {@code about:blank} for what the HTTP
 *               layer refuses before our code runs (unknown route, wrong method or media type, body over the limit)
 * @param title  the type's short name
 * @param status the HTTP status
 * @param detail this request's fault in the API's words; never a Java class or a library's message
 */
@JsonPropertyOrder({"type", "title", "status", "detail"})
public record Problem(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"https://defactify.dev/problems/malformed-request",
                "https://defactify.dev/problems/bucket-not-allowed", "https://defactify.dev/problems/object-not-found",
                "https://defactify.dev/problems/image-too-large", "https://defactify.dev/problems/unsupported-image",
                "https://defactify.dev/problems/undecodable-image",
                "https://defactify.dev/problems/storage-unavailable",
                "https://defactify.dev/problems/model-not-loaded", "https://defactify.dev/problems/busy",
                "about:blank"})
        String type, String title, int status, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
