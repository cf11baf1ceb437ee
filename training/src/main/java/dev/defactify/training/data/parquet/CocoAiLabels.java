package dev.defactify.training.data.parquet;

import dev.defactify.contract.label.SourceLabel;
import java.util.Map;
import java.util.Optional;

/**
 * The MS COCOAI dataset's label codes, mapped to ours by an explicit table. Its {@code Label_B} order happens to
 * match {@link SourceLabel}'s head order today; the table exists so that a reordering on either side shows up as a
 * failing test instead of silently swapped generators.
 */
public final class CocoAiLabels {

    /** {@code Label_B} code → our source label, as documented on the dataset card. */
    static final Map<Long, SourceLabel> LABEL_B = Map.of(
            0L, SourceLabel.REAL,          // real MS COCO photograph
            1L, SourceLabel.SD21,          // Stable Diffusion 2.1
            2L, SourceLabel.SDXL,          // Stable Diffusion XL
            3L, SourceLabel.SD3,           // Stable Diffusion 3
            4L, SourceLabel.DALLE3,        // DALL-E 3
            5L, SourceLabel.MIDJOURNEY6);  // MidJourney v6

    private CocoAiLabels() {
    }

    /** Our label for a {@code Label_B} code; empty for a code the dataset card does not define. */
    public static Optional<SourceLabel> source(long labelB) {
        return Optional.ofNullable(LABEL_B.get(labelB));
    }

    /** Whether {@code Label_A} (0 real, 1 AI) agrees with what the source label implies. */
    public static boolean agrees(long labelA, SourceLabel source) {
        return labelA == source.taskALabel();
    }
}
