package dev.defactify.contract.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.defactify.contract.image.InputSpec;
import dev.defactify.contract.image.ResizePolicy;
import dev.defactify.contract.label.SourceLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestCodecTest {
    private static final String HASH = "0123456789abcdef".repeat(4);

    private final ManifestCodec codec = new ManifestCodec();
    private final ObjectMapper json = new ObjectMapper();

    static ModelManifest valid() {
        return new ModelManifest("defactifynet", "2026-11-24T12-00-00Z-abc123", "onnx", 17, HASH, "resnet50",
                InputSpec.defaults(), SourceLabel.slugs(), 0.5, new Calibration(1.3, 1.1, 0.4, "validation"),
                Outputs.defaults(),
                Map.of("taskA", Map.of("auc", 0.97, "accuracy", 0.91), "taskB", Map.of("macroF1", 0.8)),
                new Training(42, 10, "defactify-v1", "abc123", Map.of("lr", 0.001, "batchSize", 64)),
                new Parity(1e-5, 1e-4, Map.of("ai_logit", 1e-6, "source_logits", 1e-5), 32), null);
    }

    private ObjectNode validTree() throws Exception {
        return (ObjectNode) json.readTree(codec.toJson(valid()));
    }

    private InvalidManifestException refusal(ObjectNode tree) throws Exception {
        byte[] bytes = json.writeValueAsBytes(tree);
        return assertThrows(InvalidManifestException.class, () -> codec.read(bytes));
    }

    private void assertRefusedNaming(String field, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode tree = validTree();
        edit.accept(tree);
        InvalidManifestException e = refusal(tree);
        assertTrue(e.problems().stream().anyMatch(problem -> problem.startsWith(field)),
                "expected a problem about " + field + " in " + e.problems());
    }

    @Test
    void roundTripsThroughAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("manifest.json");
        codec.write(valid(), file);
        assertEquals(valid(), codec.read(file));
        assertEquals(valid(), codec.read(new ByteArrayInputStream(Files.readAllBytes(file))));
    }

    @Test
    void writesTheSameBytesEveryTimeInContractOrder() {
        String first = codec.toJson(valid());
        assertEquals(first, codec.toJson(codec.read(first.getBytes(StandardCharsets.UTF_8))));
        List<String> order = List.of("\"name\"", "\"version\"", "\"format\"", "\"opset\"", "\"sha256\"",
                "\"architecture\"", "\"input\"", "\"labels\"", "\"threshold\"", "\"outputs\"", "\"metrics\"",
                "\"training\"", "\"parity\"");
        for (int i = 1; i < order.size(); i++) {
            assertTrue(first.indexOf(order.get(i - 1)) < first.indexOf(order.get(i)), order.get(i) + " out of order");
        }
        // metric keys are sorted whatever map they came from
        assertTrue(first.indexOf("\"accuracy\"") < first.indexOf("\"auc\""));
        assertTrue(first.contains("\"policy\" : \"resize-shorter-then-center-crop\""), first);
        assertTrue(first.contains("\n"), "pretty-printed");
    }

    @Test
    void readsTheDesignExample() {
        String design = """
                { "name": "defactifynet", "version": "2026-11-24T12-00-00Z-abc123", "format": "onnx", "opset": 17,
                  "sha256": "%s", "architecture": "resnet50", "input": {"size": 224, "channels": "RGB",
                  "mean": [0.485,0.456,0.406], "std": [0.229,0.224,0.225], "policy": "resize-shorter-then-center-crop"},
                  "labels": ["real","sd21","sdxl","sd3","dalle3","midjourney6"], "threshold": 0.5,
                  "outputs": {"aiLogit": "ai_logit", "sourceLogits": "source_logits", "features": "features"},
                  "metrics": {"taskA": {"auc": 0.97}, "taskB": {}}, "training": {"seed": 42, "epochs": 10,
                  "dataset": "d", "gitCommit": "abc123", "config": {"lr": 0.001}},
                  "parity": {"maxAbsDiff": 1e-5, "tolerance": 1e-4, "perOutput": {"ai_logit": 1e-6}} }
                """.formatted(HASH);
        ModelManifest manifest = codec.read(design.getBytes(StandardCharsets.UTF_8));
        assertEquals(InputSpec.imagenet(224, ResizePolicy.RESIZE_SHORTER_THEN_CENTER_CROP), manifest.input());
        assertEquals(42L, manifest.training().seed());
        assertEquals(Map.of("auc", 0.97), manifest.metrics().get("taskA"));
        assertEquals(1e-6, manifest.parity().perOutput().get("ai_logit"));
    }

    @Test
    void ignoresUnknownFieldsAnywhere() throws Exception {
        ObjectNode tree = validTree();
        tree.put("quantised", true);
        ((ObjectNode) tree.get("input")).put("interpolation", "bicubic");
        ((ObjectNode) tree.get("parity")).putObject("runtime").put("name", "ort");
        assertEquals(valid(), codec.read(json.writeValueAsBytes(tree)));
    }

    @Test
    void optionalSectionsTakeDefaults() throws Exception {
        ObjectNode tree = validTree();
        tree.remove(List.of("outputs", "metrics", "training", "architecture"));
        ModelManifest manifest = codec.read(json.writeValueAsBytes(tree));
        assertEquals(Outputs.defaults(), manifest.outputs());
        assertEquals(Map.of(), manifest.metrics());
    }

    @ParameterizedTest
    @CsvSource({"name", "version", "format", "opset", "sha256", "input", "labels", "threshold", "parity"})
    void missingRequiredFieldIsNamed(String field) throws Exception {
        ObjectNode tree = validTree();
        tree.remove(field);
        InvalidManifestException e = refusal(tree);
        assertEquals(List.of(field + " is required"), e.problems());
    }

    @Test
    void missingNestedFieldsAreAllNamed() throws Exception {
        ObjectNode tree = validTree();
        ((ObjectNode) tree.get("input")).remove("policy");
        ((ObjectNode) tree.get("parity")).remove("tolerance");
        tree.putNull("sha256");
        assertEquals(List.of("sha256 is required", "input.policy is required", "parity.tolerance is required"),
                refusal(tree).problems());
    }

    @Test
    void eachRuleNamesItsField() throws Exception {
        assertRefusedNaming("name", tree -> tree.put("name", "  "));
        assertRefusedNaming("format", tree -> tree.put("format", "torchscript"));
        assertRefusedNaming("opset", tree -> tree.put("opset", 12));
        assertRefusedNaming("opset", tree -> tree.put("opset", 22));
        assertRefusedNaming("sha256", tree -> tree.put("sha256", HASH.toUpperCase()));
        assertRefusedNaming("sha256", tree -> tree.put("sha256", HASH.substring(1)));
        assertRefusedNaming("threshold", tree -> tree.put("threshold", 0.0));
        assertRefusedNaming("threshold", tree -> tree.put("threshold", 1.0));
        assertRefusedNaming("version", tree -> tree.put("version", "2026/11/24"));
        assertRefusedNaming("version", tree -> tree.put("version", "v 1"));
        assertRefusedNaming("version", tree -> tree.put("version", ".."));
        assertRefusedNaming("version", tree -> tree.put("version", ""));
        assertRefusedNaming("parity.maxAbsDiff", tree -> ((ObjectNode) tree.get("parity")).put("maxAbsDiff", 2e-4));
        assertRefusedNaming("parity.perOutput.ai_logit",
                tree -> ((ObjectNode) tree.get("parity").get("perOutput")).put("ai_logit", 0.5));
        assertRefusedNaming("outputs.features", tree -> ((ObjectNode) tree.get("outputs")).put("features", "ai_logit"));
        assertRefusedNaming("input", tree -> ((ObjectNode) tree.get("input")).put("size", -1));
        assertRefusedNaming("input.policy", tree -> ((ObjectNode) tree.get("input")).put("policy", "stretch"));
        assertRefusedNaming("input", tree -> ((ObjectNode) tree.get("input")).putArray("std").add(0.2).add(0.2));
        assertRefusedNaming("opset", tree -> tree.put("opset", 17.5));
        assertRefusedNaming("opset", tree -> tree.put("opset", "seventeen"));
    }

    @Test
    void unknownPolicyListsTheValidOnes() throws Exception {
        ObjectNode tree = validTree();
        ((ObjectNode) tree.get("input")).put("policy", "stretch");
        String problem = refusal(tree).problems().get(0);
        assertTrue(problem.contains("resize-shorter-then-center-crop") && problem.contains("center-crop"), problem);
    }

    @Test
    void reportsEveryProblemAtOnce() throws Exception {
        ObjectNode tree = validTree();
        tree.put("format", "pt").put("opset", 9).put("threshold", 2.0);
        List<String> problems = refusal(tree).problems();
        assertEquals(3, problems.size(), problems.toString());
    }

    @Test
    void labelsInAnotherOrderAreRefusedAtTheFirstMismatch() throws Exception {
        ObjectNode tree = validTree();
        ArrayNode labels = tree.putArray("labels");
        List.of("real", "sdxl", "sd21", "sd3", "dalle3", "midjourney6").forEach(labels::add);
        List<String> problems = refusal(tree).problems();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("labels[1] is \"sdxl\"") && problems.get(0).contains("\"sd21\""),
                problems.get(0));
    }

    @Test
    void missingOrExtraLabelsAreRefused() throws Exception {
        assertRefusedNaming("labels", tree -> ((ArrayNode) tree.get("labels")).remove(5));
        assertRefusedNaming("labels", tree -> ((ArrayNode) tree.get("labels")).add("flux"));
    }

    @Test
    void malformedJsonIsAnInvalidManifest() {
        InvalidManifestException e = assertThrows(InvalidManifestException.class,
                () -> codec.read("{\"name\": ".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.problems().get(0).startsWith("not valid JSON"), e.problems().toString());
        assertThrows(InvalidManifestException.class, () -> codec.read("[1, 2]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void calibrationIsOptionalAndChecked() {
        String json = codec.toJson(valid());
        assertTrue(json.contains("\"aiTemperature\" : 1.3"), json);
        String without = json.replaceAll("(?s)\"calibration\" : \\{[^}]*},", "");
        assertEquals(Calibration.none(), codec.read(without.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .calibration());
        InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> codec.read(json.replace(
                "\"aiTemperature\" : 1.3", "\"aiTemperature\" : 0.0").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("calibration.aiTemperature")), e.problems()
                .toString());
    }

    @Test
    void invalidManifestsAreNeverWritten(@TempDir Path dir) {
        ModelManifest bad = new ModelManifest("", "v1", "onnx", 17, HASH, null, InputSpec.defaults(),
                SourceLabel.slugs(), 0.5, null, null, null, null, null, null);
        Path file = dir.resolve("manifest.json");
        InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> codec.write(bad, file));
        assertEquals(2, e.problems().size(), e.problems().toString()); // name and parity
        assertTrue(Files.notExists(file));
    }

    @Test
    void validManifestHasNoProblems() {
        assertEquals(List.of(), valid().problems());
    }
}
