package dev.defactify.function.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.exceptions.HttpStatusException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Map;

/**
 * The page at {@code /} that lets a person try the detector: pick or drop images, see the verdict and the activation
 * map. Three files shipped in the jar, read once at start-up and answered from memory; the page calls the same
 * routes as any other client, so it needs nothing the API does not already offer.
 */
@Controller
@Tag(name = "page")
public class WebPage {
    private final byte[] page;
    /** The whole set the page is made of: a fixed map, so no path from a request ever reaches the class loader. */
    private final Map<String, Asset> assets;

    private record Asset(byte[] body, String mediaType) {
    }

    public WebPage() {
        this.page = BundledFile.read("/web/index.html");
        this.assets = Map.of(
                "app.js", new Asset(BundledFile.read("/web/app.js"), "text/javascript;charset=utf-8"),
                "app.css", new Asset(BundledFile.read("/web/app.css"), "text/css;charset=utf-8"));
    }

    @Get(uri = "/", produces = MediaType.TEXT_HTML)
    @Operation(summary = "The page to try the detector in a browser")
    @ApiResponse(responseCode = "200", description = "HTML", content = @Content(mediaType = MediaType.TEXT_HTML,
            schema = @Schema(type = "string")))
    public HttpResponse<byte[]> page() {
        return HttpResponse.ok(page).contentType(MediaType.TEXT_HTML + ";charset=utf-8");
    }

    @Get(uri = "/web/{name}")
    @Operation(summary = "The page's script and style sheet")
    @ApiResponse(responseCode = "200", description = "app.js or app.css", content = {
            @Content(mediaType = "text/javascript", schema = @Schema(type = "string")),
            @Content(mediaType = "text/css", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "404", description = "any other name (about:blank)", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    public HttpResponse<byte[]> asset(@Schema(allowableValues = {"app.js", "app.css"}) @PathVariable String name) {
        Asset asset = assets.get(name);
        if (asset == null) {
            // Answered like any unknown route, without echoing the name back.
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "the page has no such file");
        }
        return HttpResponse.ok(asset.body()).contentType(asset.mediaType())
                // Versioned by the jar: a new deployment is a new page, and the page is small.
                .header("Cache-Control", "no-cache");
    }
}
