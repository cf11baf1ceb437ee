package dev.defactify.contract.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.image.InputSpec;
import dev.defactify.contract.label.SourceLabel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestCodecTest {
    private final ManifestCodec codec = new ManifestCodec();

    static ModelManifest valid() {
        return new ModelManifest("defactifynet", "2026-11-24T12-00-00Z-abc123", "onnx", 17, "a".repeat(64), "resnet50",
                InputSpec.defaults(), SourceLabel.slugs(), 0.5, ModelManifest.Outputs.standard(),
                Map.of("taskA", Map.of("accuracy", 0.97)),
                new ModelManifest.Training(42, 10, "demo", "abc123", Map.of("lr", 0.001)),
                new ModelManifest.Parity(1e-5, 1e-4, 12, Map.of("ai_logit", 1e-6)));
    }

    @Test
    void roundTripsWithTheContractFieldNames() {
        String json = codec.toJson(valid());
        assertTrue(json.contains("\"policy\" : \"resize-shorter-then-center-crop\""), json);
        assertTrue(json.contains("\"labels\" : [ \"real\", \"sd21\", \"sdxl\", \"sd3\", \"dalle3\", \"midjourney6\" ]"), json);
        assertEquals(valid(), codec.read(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        String json = codec.toJson(valid()).replaceFirst("\\{", "{ \"addedLater\": {\"x\": 1},");
        assertEquals(valid(), codec.read(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesLabelsInAnotherOrder() {
        String json = codec.toJson(valid()).replace("\"sd21\", \"sdxl\"", "\"sdxl\", \"sd21\"");
        InvalidManifestException error = assertThrows(InvalidManifestException.class,
                () -> codec.read(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(error.getMessage().contains("labels must be"), error.getMessage());
    }

    @Test
    void namesEveryBrokenRule() {
        ModelManifest broken = new ModelManifest("", "has space", "tflite", 9, "ABC", "resnet50", InputSpec.defaults(),
                List.of("real"), 1.0, null, Map.of(), null, new ModelManifest.Parity(0.1, 1e-4, 1, Map.of()));
        List<String> problems = broken.problems();
        for (String field : List.of("name", "version", "format", "opset", "sha256", "labels", "threshold", "outputs",
                "parity.maxAbsDiff")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(field)), field + " not named in " + problems);
        }
        assertThrows(InvalidManifestException.class, () -> codec.toJson(broken));
    }

    @Test
    void aMissingRequiredFieldOrBadInputIsNamed() {
        String noInput = codec.toJson(valid()).replaceAll("(?s)\"input\" : \\{.*?},", "");
        InvalidManifestException missing = assertThrows(InvalidManifestException.class,
                () -> codec.read(noInput.getBytes(StandardCharsets.UTF_8)));
        assertTrue(missing.getMessage().contains("input"), missing.getMessage());
        String badPolicy = codec.toJson(valid()).replace("resize-shorter-then-center-crop", "stretch");
        InvalidManifestException policy = assertThrows(InvalidManifestException.class,
                () -> codec.read(badPolicy.getBytes(StandardCharsets.UTF_8)));
        assertTrue(policy.getMessage().contains("stretch"), policy.getMessage());
        assertThrows(InvalidManifestException.class, () -> codec.read("{not json".getBytes(StandardCharsets.UTF_8)));
    }
}
