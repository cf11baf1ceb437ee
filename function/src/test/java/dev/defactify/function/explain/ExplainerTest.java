package dev.defactify.function.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.contract.image.InputSpec;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** From model bytes and the network's outputs to the JSON a client receives. */
class ExplainerTest {
    private static final float[] WEIGHTS = {0.8f, -0.5f, 0.1f, 1.2f};
    private static final float BIAS = -1.5f;

    @Test
    void explainsOneImageOfABatchAndSerialisesToTheDocumentedJson() throws Exception {
        Explainer explainer = Explainer.forModel(TestModels.withBinaryHead(WEIGHTS, BIAS));
        FeatureMap first = Features.random(3, 4, 7, 7);
        FeatureMap second = Features.random(4, 4, 7, 7);
        float[] batch = new float[2 * 4 * 7 * 7];
        System.arraycopy(first.values(), 0, batch, 0, first.values().length);
        System.arraycopy(second.values(), 0, batch, first.values().length, second.values().length);
        FeatureMap features = FeatureMap.ofBatch(batch, new long[] {2, 4, 7, 7}, 1);
        InputSpec spec = InputSpec.imagenet(56, InputSpec.defaults().policy());
        RgbCrop crop = RgbCrop.fromTensor(new float[spec.tensorLength()], spec);

        Explanation explanation = explainer.explain(features, crop);
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(explanation));

        assertEquals(List.of("method", "target", "grid", "overlayPng"), fieldNames(json));
        assertEquals("cam", json.get("method").asText());
        assertEquals("ai-generated", json.get("target").asText());
        JsonNode grid = json.get("grid");
        assertEquals(List.of("rows", "cols", "aiProbabilities", "minAiProbability", "maxAiProbability"), fieldNames(grid));
        assertEquals(7, grid.get("rows").asInt());
        assertEquals(7, grid.get("cols").asInt());
        assertEquals(7, grid.get("aiProbabilities").size());
        assertEquals(7, grid.get("aiProbabilities").get(0).size());
        ActivationMap expected = ActivationMap.compute(second, new BinaryHead(WEIGHTS, BIAS));
        assertEquals(expected.probability(2, 5), grid.get("aiProbabilities").get(2).get(5).asDouble());
        assertEquals(expected.maxProbability(), grid.get("maxAiProbability").asDouble());
        assertEquals(new BinaryHead(WEIGHTS, BIAS).logit(second), explainer.activationMap(features).meanLogit(), 1e-4);

        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(json.get("overlayPng").asText())));
        assertEquals(56, png.getWidth());
        assertEquals(56, png.getHeight());
    }

    @Test
    void aModelWithoutABinaryHeadIsReportedAtConstruction() {
        byte[] model = TestModels.model(TestModels.rawTensor("source_head.weight", new long[] {6, 1}, new float[6]));

        OnnxFormatException error = org.junit.jupiter.api.Assertions.assertThrows(OnnxFormatException.class,
                () -> Explainer.forModel(model));

        assertTrue(error.getMessage().contains(BinaryHead.WEIGHT), error.getMessage());
    }

    private static List<String> fieldNames(JsonNode node) {
        java.util.ArrayList<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
