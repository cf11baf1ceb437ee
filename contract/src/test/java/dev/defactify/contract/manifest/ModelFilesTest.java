package dev.defactify.contract.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The manifest's {@code files}: one file per precision, the fp32 one being model.onnx with the top-level hash. */
class ModelFilesTest {
    private static final String INT8_HASH = "fedcba9876543210".repeat(4);

    private final ManifestCodec codec = new ManifestCodec();
    private final ObjectMapper json = new ObjectMapper();

    static ModelFile int8() {
        Agreement agreement = new Agreement("fp32", Map.of("ai_logit", 0.02), Map.of("ai_logit", 0.1), "test", 270,
                Map.of("fp32", 0.9593, "int8", 0.9593), Map.of("fp32", 0.9704, "int8", 0.9704), 0.0, 0.0037,
                new Agreement.Gate(0.005, 0.01));
        return new ModelFile(ModelFile.INT8_FILE, Precision.INT8, INT8_HASH, 123L,
                new Quantization("qdq", "percentile-99.999", "train split", 128), agreement);
    }

    private static ModelManifest withInt8() {
        ModelManifest valid = ManifestCodecTest.valid();
        return valid.withFiles(List.of(ModelFile.fp32(valid.sha256(), 456L), int8()));
    }

    @Test
    void aManifestFromBeforeTheListServesModelOnnxInFp32() {
        ModelManifest legacy = ManifestCodecTest.valid();
        assertEquals(List.of(ModelFile.fp32(legacy.sha256(), null)), legacy.files());
        assertEquals(Precision.FP32, legacy.preferredFile().precision());
        assertTrue(legacy.file(Precision.INT8).isEmpty());
    }

    @Test
    void int8RoundTripsAndIsPreferred() {
        ModelManifest manifest = withInt8();
        ModelManifest read = codec.read(codec.toJson(manifest).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(manifest.files(), read.files());
        assertEquals(Precision.INT8, read.preferredFile().precision());
        assertEquals(INT8_HASH, read.file(Precision.INT8).orElseThrow().sha256());
    }

    @Test
    void precisionsAreLowercaseSlugs() throws Exception {
        ObjectNode tree = (ObjectNode) json.readTree(codec.toJson(withInt8()));
        assertEquals("int8", tree.get("files").get(1).get("precision").asText());
        ((ObjectNode) tree.get("files").get(1)).put("precision", "int4");
        assertThrows(InvalidManifestException.class, () -> codec.read(json.writeValueAsBytes(tree)));
        assertEquals(Precision.INT8, Precision.ofSlug(" INT8 "));
    }

    @Test
    void eachBrokenListIsRefusedNamingTheEntry() throws Exception {
        assertRefused("files[1] repeats precision", files -> ((ObjectNode) files.get(1)).put("precision", "fp32"));
        assertRefused("files[1].file must be a plain", files -> ((ObjectNode) files.get(1)).put("file", "../x.onnx"));
        assertRefused("files[1].file repeats", files -> ((ObjectNode) files.get(1)).put("file", "model.onnx"));
        assertRefused("files[0].sha256 differs", files -> ((ObjectNode) files.get(0)).put("sha256", INT8_HASH));
        assertRefused("files[1].sha256 must be", files -> ((ObjectNode) files.get(1)).put("sha256", "abc"));
        assertRefused("files[1]: a int8 file needs", files -> ((ObjectNode) files.get(1)).remove("agreement"));
        assertRefused("files must list the fp32", files -> files.remove(0));
        assertRefused("files[0]: the fp32 file must be", files -> ((ObjectNode) files.get(0)).put("file", "a.onnx"));
    }

    private void assertRefused(String problem, java.util.function.Consumer<ArrayNode> edit) throws Exception {
        ObjectNode tree = (ObjectNode) json.readTree(codec.toJson(withInt8()));
        edit.accept((ArrayNode) tree.get("files"));
        InvalidManifestException e = assertThrows(InvalidManifestException.class,
                () -> codec.read(json.writeValueAsBytes(tree)));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(problem)), problem + " not in " + e.problems());
    }
}
