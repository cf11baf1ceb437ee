package dev.defactify.training.data;

import static dev.defactify.training.data.DatasetTrees.file;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.label.SourceLabel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassCountsTest {

    @TempDir
    Path root;

    @Test
    void countsPerLabelPerSplit() {
        file(root, "train/real/a.png");
        file(root, "train/real/b.png");
        file(root, "train/sd3/a.png");
        file(root, "val/midjourney6/c.png");

        ClassCounts counts = ImageFolderDataset.open(root).counts();

        assertEquals(2, counts.count(Split.TRAIN, SourceLabel.REAL));
        assertEquals(1, counts.count(Split.TRAIN, SourceLabel.SD3));
        assertEquals(0, counts.count(Split.TRAIN, SourceLabel.SDXL));
        assertEquals(3, counts.total(Split.TRAIN));
        assertEquals(1, counts.total(Split.VAL));
        assertEquals(0, counts.total(Split.TEST));
        assertEquals(2, counts.total(SourceLabel.REAL));
        assertEquals(4, counts.total());
        assertArrayEquals(new int[] {2, 1}, counts.taskACounts(Split.TRAIN));
    }

    @Test
    void summaryHasARowPerSplitAndAColumnPerLabel() {
        file(root, "train/real/a.png");
        file(root, "test/dalle3/a.png");

        String summary = ImageFolderDataset.open(root).counts().summary();

        String[] lines = summary.split("\n");
        assertEquals(5, lines.length, summary);
        for (String slug : SourceLabel.slugs()) {
            assertTrue(lines[0].contains(slug), summary);
        }
        assertTrue(lines[1].startsWith("train") && lines[1].trim().endsWith("1"), summary);
        assertTrue(lines[4].startsWith("all") && lines[4].trim().endsWith("2"), summary);
    }
}
