package dev.defactify.function.problem;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}). */
@JsonPropertyOrder({"type", "title", "status", "detail"})
public record Problem(String type, String title, int status, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
