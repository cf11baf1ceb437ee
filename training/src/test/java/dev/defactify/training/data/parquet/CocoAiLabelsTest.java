package dev.defactify.training.data.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.label.SourceLabel;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CocoAiLabelsTest {

    // Written out from the dataset card, independently of the enum's order: 0 real MS COCO, 1 SD 2.1, 2 SDXL,
    // 3 SD 3, 4 DALL-E 3, 5 MidJourney v6.
    private static final Map<Long, String> DATASET_CARD = Map.of(0L, "real", 1L, "sd21", 2L, "sdxl", 3L, "sd3",
            4L, "dalle3", 5L, "midjourney6");

    @Test
    void everyLabelBCodeMapsToTheSourceTheDatasetCardNames() {
        DATASET_CARD.forEach((code, slug) ->
                assertEquals(Optional.of(SourceLabel.ofSlug(slug)), CocoAiLabels.source(code), "Label_B " + code));
        assertEquals(SourceLabel.count(), CocoAiLabels.LABEL_B.size());
    }

    @Test
    void codesOutsideTheCardMapToNothing() {
        assertEquals(Optional.empty(), CocoAiLabels.source(6));
        assertEquals(Optional.empty(), CocoAiLabels.source(-1));
    }

    @Test
    void labelAAgreesOnlyWhenRealMeansZero() {
        assertTrue(CocoAiLabels.agrees(0, SourceLabel.REAL));
        assertTrue(CocoAiLabels.agrees(1, SourceLabel.MIDJOURNEY6));
        assertFalse(CocoAiLabels.agrees(1, SourceLabel.REAL));
        assertFalse(CocoAiLabels.agrees(0, SourceLabel.SD21));
    }
}
