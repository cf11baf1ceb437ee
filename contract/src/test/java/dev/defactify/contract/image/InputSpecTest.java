package dev.defactify.contract.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputSpecTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void defaultsAreImagenetAt224() {
        InputSpec spec = InputSpec.defaults();
        assertEquals(224, spec.size());
        assertEquals("RGB", spec.channels());
        assertEquals(List.of(0.485, 0.456, 0.406), spec.mean());
        assertEquals(List.of(0.229, 0.224, 0.225), spec.std());
        assertEquals(ResizePolicy.RESIZE_SHORTER_THEN_CENTER_CROP, spec.policy());
        assertEquals(3 * 224 * 224, spec.tensorLength());
    }

    @Test
    void serialisesAsTheManifestShowsIt() throws Exception {
        assertEquals("{\"size\":224,\"channels\":\"RGB\",\"mean\":[0.485,0.456,0.406],\"std\":[0.229,0.224,0.225],"
                + "\"policy\":\"resize-shorter-then-center-crop\"}", json.writeValueAsString(InputSpec.defaults()));
        InputSpec crop = InputSpec.imagenet(256, ResizePolicy.CENTER_CROP);
        assertEquals(crop, json.readValue(json.writeValueAsString(crop), InputSpec.class));
    }

    @Test
    void refusesInvalidSpecs() {
        List<Double> mean = InputSpec.IMAGENET_MEAN;
        List<Double> std = InputSpec.IMAGENET_STD;
        ResizePolicy policy = ResizePolicy.CENTER_CROP;
        assertMessage("input.size", () -> new InputSpec(0, "RGB", mean, std, policy));
        assertMessage("input.channels", () -> new InputSpec(224, "BGR", mean, std, policy));
        assertMessage("input.mean", () -> new InputSpec(224, "RGB", List.of(0.5, 0.5), std, policy));
        assertMessage("input.std", () -> new InputSpec(224, "RGB", mean, List.of(0.2, 0.0, 0.2), policy));
        assertMessage("input.std", () -> new InputSpec(224, "RGB", mean, null, policy));
        assertMessage("input.policy", () -> new InputSpec(224, "RGB", mean, std, null));
    }

    private static void assertMessage(String field, org.junit.jupiter.api.function.Executable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertTrue(e.getMessage().startsWith(field), e.getMessage());
    }
}
