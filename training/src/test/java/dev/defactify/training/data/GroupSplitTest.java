package dev.defactify.training.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.label.SourceLabel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupSplitTest {

    private static List<LabelledImage> images(int groups, SourceLabel... labels) {
        List<LabelledImage> images = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            for (SourceLabel label : labels) {
                String group = label == SourceLabel.REAL && labels.length == 1 ? "real-" + g : "scene-" + g;
                images.add(new LabelledImage(group + "/" + label.slug(), group, label,
                        new FileLocation(Path.of(group + label.slug() + ".png"))));
            }
        }
        return images;
    }

    @Test
    void keepsGroupsTogetherAndHitsTheProportionsPerStratum() {
        List<LabelledImage> all = new ArrayList<>(images(100, SourceLabel.inHeadOrder().toArray(SourceLabel[]::new)));
        all.addAll(images(40, SourceLabel.REAL)); // single-image groups: a stratum of their own
        Map<Split, List<LabelledImage>> split = GroupSplit.standard(42).apply(all);

        Map<String, Split> placed = new HashMap<>();
        split.forEach((s, list) -> list.forEach(image -> {
            Split earlier = placed.putIfAbsent(image.group(), s);
            assertTrue(earlier == null || earlier == s, image.group());
        }));
        assertEquals(70 * 6 + 28, split.get(Split.TRAIN).size());
        assertEquals(15 * 6 + 6, split.get(Split.VAL).size());
        assertEquals(15 * 6 + 6, split.get(Split.TEST).size());
    }

    @Test
    void dependsOnlyOnSeedAndGroupName() {
        List<LabelledImage> all = images(50, SourceLabel.REAL, SourceLabel.SDXL);
        List<LabelledImage> reversed = new ArrayList<>(all);
        java.util.Collections.reverse(reversed);
        Map<Split, List<LabelledImage>> a = GroupSplit.standard(1).apply(all);
        Map<Split, List<LabelledImage>> b = GroupSplit.standard(1).apply(reversed);
        for (Split s : Split.values()) {
            assertEquals(new java.util.HashSet<>(a.get(s)), new java.util.HashSet<>(b.get(s)));
        }
        assertNotEquals(a.get(Split.TEST), GroupSplit.standard(2).apply(all).get(Split.TEST));
    }
}
