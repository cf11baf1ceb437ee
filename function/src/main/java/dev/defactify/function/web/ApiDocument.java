package dev.defactify.function.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /openapi.yaml}: the OpenAPI document Micronaut's annotation processor writes from the controllers at
 * compile time ({@code META-INF/swagger/}), so it describes exactly the routes this jar serves. The repository's
 * copy, {@code function/openapi.yaml}, is checked against it by OpenApiDocumentTest.
 */
@Controller
@Tag(name = "page")
@OpenAPIDefinition(info = @Info(title = "Defactify detection API", version = "1",
        description = "Tells photographs from AI-generated images (Task A) and names the generator (Task B: real,"
                + " sd21, sdxl, sd3, dalle3, midjourney6) with DeFactifyNet. Every error is an RFC 9457 problem"
                + " (application/problem+json) whose type a client can switch on; every answer carries X-Request-Id.",
        license = @License(name = "see the repository")))
public class ApiDocument {
    /** Where the processor writes it: {@code <title>-<version>.yml}, lower-cased and dashed. */
    static final String RESOURCE = "/META-INF/swagger/defactify-detection-api-1.yml";
    static final String MEDIA_TYPE = "application/yaml";

    private final byte[] document;

    public ApiDocument() {
        this.document = BundledFile.read(RESOURCE);
    }

    @Get(uri = "/openapi.yaml")
    @Operation(summary = "This document")
    @ApiResponse(responseCode = "200", description = "OpenAPI 3", content = @Content(mediaType = MEDIA_TYPE,
            schema = @Schema(type = "string")))
    public HttpResponse<byte[]> document() {
        return HttpResponse.ok(document).contentType(MEDIA_TYPE);
    }
}
