package dev.defactify.training.data;

import static dev.defactify.training.data.DatasetTrees.file;
import static dev.defactify.training.data.DatasetTrees.truncatedPng;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.label.SourceLabel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {

    @TempDir
    Path root;

    @Test
    void readsLabelsGroupsAndIdsInSortedOrder() throws Exception {
        file(root, "train/sdxl/b.png");
        file(root, "train/real/b.JPG");
        file(root, "train/real/a.png");
        file(root, "train/real/notes.txt");
        file(root, "test/dalle3/c.webp");

        ImageFolderDataset dataset = ImageFolderDataset.open(root);

        List<LabelledImage> train = dataset.images(Split.TRAIN);
        assertEquals(List.of("train/real/a.png", "train/real/b.JPG", "train/sdxl/b.png"),
                train.stream().map(LabelledImage::id).toList());
        assertEquals(List.of(SourceLabel.REAL, SourceLabel.REAL, SourceLabel.SDXL),
                train.stream().map(LabelledImage::label).toList());
        assertEquals(List.of("a", "b", "b"), train.stream().map(LabelledImage::group).toList());
        assertArrayEquals(DatasetTrees.png("train/real/a.png"), train.getFirst().read());
        assertEquals(SourceLabel.DALLE3, dataset.images(Split.TEST).getFirst().label());
        assertTrue(dataset.describe().contains(root.toString()));
    }

    @Test
    void anImageThatDoesNotDecodeIsSkippedByTheScanAndCountedInTheSummary() {
        file(root, "train/real/a.png");
        truncatedPng(root, "train/real/b.png");
        file(root, "train/sdxl/b.png");
        file(root, "val/sd3/c.png");

        ImageFolderDataset dataset = ImageFolderDataset.open(root);

        assertEquals(List.of("train/real/a.png", "train/sdxl/b.png"),
                dataset.images(Split.TRAIN).stream().map(LabelledImage::id).toList());
        assertEquals(1, dataset.images(Split.VAL).size());
        assertEquals(1, dataset.decodeReport().undecodable());
        String summary = dataset.describe();
        assertTrue(summary.contains("4 images, 3 used; skipped 1 undecodable-image"), summary);
        assertTrue(summary.contains("train/real/b.png: the png image could not be decoded"), summary);
        assertEquals(dataset.images(Split.TRAIN), ImageFolderDataset.open(root).images(Split.TRAIN),
                "the same files give the same images");
    }

    @Test
    void missingSplitFolderIsAnEmptySplit() {
        file(root, "train/real/a.png");

        ImageFolderDataset dataset = ImageFolderDataset.open(root);

        assertEquals(List.of(), dataset.images(Split.VAL));
        assertEquals(List.of(), dataset.images(Split.TEST));
    }

    @Test
    void unknownClassFolderNamesTheFolderAndTheValidSlugs() {
        file(root, "train/real/a.png");
        file(root, "train/stable-diffusion/a.png");

        InvalidDatasetException error = assertThrows(InvalidDatasetException.class,
                () -> ImageFolderDataset.open(root));

        assertTrue(error.getMessage().contains("stable-diffusion"), error.getMessage());
        assertTrue(error.getMessage().contains(SourceLabel.slugs().toString()), error.getMessage());
    }

    @Test
    void folderWithoutImagesIsAnError() throws Exception {
        Files.createDirectories(root.resolve("train/real"));
        file(root, "train/real/readme.txt");

        InvalidDatasetException error = assertThrows(InvalidDatasetException.class,
                () -> ImageFolderDataset.open(root));

        assertTrue(error.getMessage().contains("no images"), error.getMessage());
    }

    @Test
    void missingFolderIsAnError() {
        assertThrows(InvalidDatasetException.class, () -> ImageFolderDataset.open(root.resolve("absent")));
    }
}
