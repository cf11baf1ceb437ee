package dev.defactify.function.api;

import dev.defactify.function.config.ServingSettings;
import dev.defactify.function.problem.ProblemException;
import dev.defactify.function.problem.ProblemKind;
import dev.defactify.function.scoring.Detection;
import dev.defactify.function.serving.DetectionService;
import dev.defactify.function.source.ImageInput;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/detections} and {@code POST /v1/detections:batch} (DESIGN §4).
 *
 * <p>Runs on the I/O pool, not on Netty's event loop, where Micronaut would otherwise run it: decoding is
 * CPU-bound, an {@code s3Uri} read blocks on S3 (the SDK's retries and back-off included) and the decode budget may
 * wait for memory, and on the event loop each of those stalls every other connection that loop serves, health checks
 * included. The pool's platform threads are reused, so each keeps its direct tensor buffer (virtual threads would
 * allocate one per request).
 */
@Controller("/v1")
@ExecuteOn(TaskExecutors.IO)
@Tag(name = "detections")
public class DetectionController {
    static final String ENTRY_POINT = "api";

    private final DetectionService detections;
    private final int maxBatchItems;
    private final RequestBodies bodies = new RequestBodies();

    public DetectionController(DetectionService detections, ServingSettings settings) {
        this.detections = detections;
        this.maxBatchItems = settings.maxBatchItems();
    }

    @Post(uri = "/detections", produces = MediaType.APPLICATION_JSON, consumes = {MediaType.IMAGE_JPEG,
            MediaType.IMAGE_PNG, "image/webp", MediaType.IMAGE_GIF, MediaType.IMAGE_BMP,
            MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @Operation(summary = "Score one image", description = "The image's bytes as the body (its type, or"
            + " application/octet-stream to let the server tell), or JSON naming it by s3Uri (a bucket in ALLOWED_BUCKETS)"
            + " or carrying it as imageBase64.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.IMAGE_JPEG, schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = MediaType.IMAGE_PNG, schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = MediaType.IMAGE_GIF, schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = MediaType.IMAGE_BMP, schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = "string",
                    format = "binary")),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImageRequest.class),
                    examples = @ExampleObject(name = "s3Uri", value = "{\"s3Uri\": \"s3://my-bucket/uploads/photo.jpg\"}"))})
    @ApiResponse(responseCode = "200", description = "The detection",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Detection.class)))
    @DetectionProblems
    public Detection detect(HttpRequest<?> request,
                            @Schema(type = "string", format = "binary") @Nullable @Body byte[] body,
                            @Parameter(description = "add the activation map (explanation)",
                                    schema = @Schema(type = "string", allowableValues = {"true", "false"},
                                            defaultValue = "false"))
                            @Nullable @QueryValue String explain) {
        try (var ignored = RequestIds.inLog(request)) {
            boolean json = request.getContentType().map(type -> type.matches(MediaType.APPLICATION_JSON_TYPE))
                    .orElse(false);
            // An empty body is our malformed-request like any other, not the framework's "Required Body [body]"
            // (about:blank, naming a Java parameter): nullable here, refused by the fetcher and the JSON reader.
            byte[] bytes = body == null ? new byte[0] : body;
            ImageInput input = json ? bodies.read(bytes, ImageRequest.class).toInput() : new ImageInput.Bytes(bytes);
            return detections.detect(ENTRY_POINT, input, flag(explain));
        }
    }

    @Post(uri = "/detections:batch", produces = MediaType.APPLICATION_JSON, consumes = MediaType.APPLICATION_JSON)
    @Operation(summary = "Score several images", description = "Up to MAX_BATCH_ITEMS (default 16) image"
            + " references; each result is a detection or that item's problem, in request order. The request as a"
            + " whole fails only when it is malformed.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchRequest.class)))
    @ApiResponse(responseCode = "200", description = "One result per item, in request order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BatchResponse.class)))
    @DetectionProblems
    public BatchResponse detectBatch(HttpRequest<?> request, @Nullable @Body byte[] body,
                                     @Parameter(description = "add the activation map to every detection",
                                             schema = @Schema(type = "string", allowableValues = {"true", "false"},
                                                     defaultValue = "false"))
                                     @Nullable @QueryValue String explain) {
        try (var ignored = RequestIds.inLog(request)) {
            return detectBatch(body == null ? new byte[0] : body, flag(explain));
        }
    }

    private BatchResponse detectBatch(byte[] body, boolean withExplanation) {
        BatchRequest batch = bodies.read(body, BatchRequest.class);
        if (batch.items() == null || batch.items().isEmpty()) {
            throw ProblemKind.MALFORMED_REQUEST.exception("\"items\" must list at least one image");
        }
        if (batch.items().size() > maxBatchItems) {
            throw ProblemKind.MALFORMED_REQUEST.exception("\"items\" has " + batch.items().size()
                    + " entries; at most " + maxBatchItems + " are accepted (MAX_BATCH_ITEMS)");
        }
        List<Object> results = new ArrayList<>(batch.items().size());
        for (ImageRequest item : batch.items()) {
            try {
                if (item == null) {
                    throw ProblemKind.MALFORMED_REQUEST.exception("an item is null");
                }
                results.add(detections.detect(ENTRY_POINT, item.toInput(), withExplanation));
            } catch (ProblemException e) {
                results.add(new BatchResponse.ItemError(e.problem()));
            }
        }
        return new BatchResponse(results);
    }

    /** Strict on purpose: {@code explain=yes} silently meaning "no" would hide a client's mistake. */
    private static boolean flag(String value) {
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw ProblemKind.MALFORMED_REQUEST.exception("explain must be true or false, got \"" + value + "\"");
    }
}
