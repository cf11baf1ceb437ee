package dev.defactify.function.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.defactify.contract.manifest.ManifestCodec;
import dev.defactify.function.scoring.Detector;
import dev.defactify.function.problem.ProblemKind;
import dev.defactify.function.serving.ModelService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.defactify.function.problem.Problem;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /v1/model} (the loaded model's manifest) and {@code GET /health}. */
@Controller
@Tag(name = "model")
public class ModelController {
    private final ModelService model;
    private final ManifestCodec codec = new ManifestCodec();
    private final ObjectMapper json = new ObjectMapper();

    public ModelController(ModelService model) {
        this.model = model;
    }

    /** The manifest, plus {@code serving}: the file of it that this process runs. */
    @Get(uri = "/v1/model", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "The loaded model's manifest", description = "manifest.json of DESIGN §5 (name, version,"
            + " architecture, labels, input, outputs, threshold, calibration, metrics, files), plus serving: the"
            + " file, precision and sha256 this process runs.")
    @ApiResponse(responseCode = "200", description = "The manifest", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ApiResponse(responseCode = "503", description = "model-not-loaded (the reason in detail)", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public String manifest() throws JsonProcessingException {
        Detector detector = model.detector()
                .orElseThrow(() -> ProblemKind.MODEL_NOT_LOADED.exception(model.failure().orElse("no model")));
        ObjectNode body = (ObjectNode) json.readTree(codec.toJson(detector.manifest()));
        ObjectNode serving = body.putObject("serving");
        serving.put("file", detector.served().file());
        serving.put("precision", detector.served().precision().slug());
        serving.put("sha256", detector.served().sha256());
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(body) + "\n";
    }

    @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Whether a model is loaded", description = "Open to load balancers and uptime checks"
            + " even where the other routes need a key.")
    @ApiResponse(responseCode = "200", description = "UP", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = "object"), examples = @ExampleObject(value = "{\"status\": \"UP\", \"model\":"
            + " {\"name\": \"defactifynet\", \"version\": \"2026-12-03T10-00-00Z-1a2b3c4d\", \"precision\": \"int8\"},"
            + " \"jpegDecoder\": \"libjpeg-turbo\"}")))
    @ApiResponse(responseCode = "503", description = "DOWN, with the reason", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object"), examples = @ExampleObject(
            value = "{\"status\": \"DOWN\", \"detail\": \"model.onnx: sha256 differs from the manifest\"}")))
    public HttpResponse<Map<String, Object>> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        return model.detector().<HttpResponse<Map<String, Object>>>map(detector -> {
            body.put("status", "UP");
            body.put("model", Map.of("name", detector.manifest().name(), "version", detector.manifest().version(),
                    "precision", detector.served().precision().slug()));
            body.put("jpegDecoder", detector.jpegDecoder());
            return HttpResponse.ok(body);
        }).orElseGet(() -> {
            body.put("status", "DOWN");
            body.put("detail", model.failure().orElse("no model"));
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(body);
        });
    }
}
