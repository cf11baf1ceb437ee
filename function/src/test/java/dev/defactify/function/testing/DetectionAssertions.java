package dev.defactify.function.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The detection JSON of DESIGN §4, checked field by field. */
public final class DetectionAssertions {
    public static final List<String> LABELS = List.of("real", "sd21", "sdxl", "sd3", "dalle3", "midjourney6");

    private DetectionAssertions() {
    }

    public static void assertDetection(JsonNode json, int width, int height, String format) {
        double ai = json.get("aiProbability").asDouble();
        double threshold = json.get("threshold").asDouble();
        assertTrue(ai >= 0 && ai <= 1, "aiProbability " + ai);
        assertEquals(ai >= threshold ? "ai-generated" : "real", json.get("verdict").asText());
        JsonNode sources = json.get("sourceProbabilities");
        List<String> keys = new ArrayList<>();
        Iterator<String> names = sources.fieldNames();
        names.forEachRemaining(keys::add);
        assertEquals(LABELS, keys, "label order");
        double sum = 0;
        String best = null;
        for (String label : LABELS) {
            double p = sources.get(label).asDouble();
            sum += p;
            if (best == null || p > sources.get(best).asDouble()) {
                best = label;
            }
        }
        assertEquals(1.0, sum, 1e-4);
        assertEquals(best, json.get("source").get("label").asText());
        assertEquals(sources.get(best).asDouble(), json.get("source").get("probability").asDouble(), 1e-9);
        assertFalse(json.get("model").get("version").asText().isBlank());
        assertEquals(64, json.get("model").get("sha256").asText().length());
        JsonNode image = json.get("image");
        assertEquals(width, image.get("width").asInt());
        assertEquals(height, image.get("height").asInt());
        assertEquals(format, image.get("format").asText());
        assertEquals(64, image.get("sha256").asText().length());
        String modelVerdict = json.get("aiProbability").asDouble() >= json.get("threshold").asDouble()
                ? "ai-generated" : "real";
        assertEquals(modelVerdict, json.get("modelVerdict").asText());
        String basis = json.get("basis").asText();
        assertTrue(basis.equals("model") || basis.equals("provenance"), basis);
        if (basis.equals("model")) {
            assertEquals(modelVerdict, json.get("verdict").asText(), "the pixels decided");
        } else {
            assertEquals(json.get("provenance").get("verdict").asText(), json.get("verdict").asText());
        }
        assertTrue(json.get("provenance").get("c2pa").has("present"), json.toString());
        assertTrue(json.get("provenance").get("generatorHints").isArray(), json.toString());
        for (String stage : List.of("fetch", "decode", "provenance", "preprocess", "inference")) {
            assertTrue(json.get("timingsMs").get(stage).asDouble() >= 0, stage);
        }
        assertTrue(json.get("timingsMs").get("inference").asDouble() > 0);
    }
}
