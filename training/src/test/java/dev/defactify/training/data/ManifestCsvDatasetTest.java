package dev.defactify.training.data;

import static dev.defactify.training.data.DatasetTrees.file;
import static dev.defactify.training.data.DatasetTrees.manifest;
import static dev.defactify.training.data.DatasetTrees.truncatedPng;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.label.SourceLabel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestCsvDatasetTest {

    private static final String HEADER = "path,split,label,task_a,group";

    @TempDir
    Path root;

    @BeforeEach
    void images() {
        file(root, "img/a.png");
        file(root, "img/b, with comma.png");
        file(root, "img/c.png");
    }

    @Test
    void readsRowsInManifestOrderWithQuotedFields() {
        manifest(root, HEADER,
                "img/c.png,test,sd3,1,scene-2",
                "\"img/b, with comma.png\",train,real,0,\"scene, 1\"",
                "",
                "img/a.png,train,midjourney6,1,scene-1");

        ManifestCsvDataset dataset = ManifestCsvDataset.open(root);

        List<LabelledImage> train = dataset.images(Split.TRAIN);
        assertEquals(List.of("img/b, with comma.png", "img/a.png"), train.stream().map(LabelledImage::id).toList());
        assertEquals(List.of("scene, 1", "scene-1"), train.stream().map(LabelledImage::group).toList());
        assertEquals(SourceLabel.SD3, dataset.images(Split.TEST).getFirst().label());
        assertEquals(List.of(), dataset.images(Split.VAL));
        assertEquals(new FileLocation(root.toAbsolutePath().normalize().resolve("img/c.png")),
                dataset.images(Split.TEST).getFirst().location());
    }

    @Test
    void anImageThatDoesNotDecodeIsSkippedByTheScanAndCountedInTheSummary() {
        truncatedPng(root, "img/b, with comma.png");
        manifest(root, HEADER,
                "img/a.png,train,real,0,s1",
                "\"img/b, with comma.png\",train,sd21,1,s1",
                "img/c.png,train,sdxl,1,s1");

        ManifestCsvDataset dataset = ManifestCsvDataset.open(root);

        assertEquals(List.of("img/a.png", "img/c.png"),
                dataset.images(Split.TRAIN).stream().map(LabelledImage::id).toList());
        String summary = dataset.describe();
        assertTrue(summary.contains("3 images, 2 used; skipped 1 undecodable-image"), summary);
        assertTrue(summary.contains("img/b, with comma.png: the png image could not be decoded"), summary);
    }

    @Test
    void columnsAreFoundByHeaderName() {
        manifest(root, "group,label,task_a,split,path", "scene-1,sdxl,1,val,img/a.png");

        assertEquals(SourceLabel.SDXL, ManifestCsvDataset.open(root).images(Split.VAL).getFirst().label());
    }

    @Test
    void taskAMismatchesAreCountedAndTheFirstLineNamed() {
        manifest(root, HEADER,
                "img/a.png,train,real,0,s1",
                "img/b, with comma.png,train,sd21,0,s2",
                "img/c.png,train,real,1,s3");

        InvalidDatasetException error = assertThrows(InvalidDatasetException.class,
                () -> ManifestCsvDataset.open(root));

        // Line 3 has an unquoted comma (6 fields), line 4 a task_a that contradicts its label.
        assertTrue(error.getMessage().startsWith("2 bad row(s)"), error.getMessage());
        assertTrue(error.getMessage().contains("line 3"), error.getMessage());
    }

    @Test
    void taskAContradictingTheLabelIsNamed() {
        manifest(root, HEADER, "img/a.png,train,real,0,s1", "img/c.png,train,dalle3,0,s3");

        InvalidDatasetException error = assertThrows(InvalidDatasetException.class,
                () -> ManifestCsvDataset.open(root));

        assertTrue(error.getMessage().contains("line 3"), error.getMessage());
        assertTrue(error.getMessage().contains("task_a"), error.getMessage());
    }

    @Test
    void rejectsUnknownLabelsSplitsMissingFilesAndEscapes() {
        assertBadRow("img/a.png,train,sd15,1,s1", "sd15");
        assertBadRow("img/a.png,holdout,real,0,s1", "holdout");
        assertBadRow("img/missing.png,train,real,0,s1", "does not exist");
        assertBadRow("../outside.png,train,real,0,s1", "not inside");
        assertBadRow("img/a.png,train,real,0,", "must not be empty");
    }

    @Test
    void rejectsDuplicatesAndGroupsThatCrossSplits() {
        manifest(root, HEADER, "img/a.png,train,real,0,s1", "img/a.png,train,real,0,s1");
        assertTrue(assertThrows(InvalidDatasetException.class, () -> ManifestCsvDataset.open(root))
                .getMessage().contains("listed twice"));

        manifest(root, HEADER, "img/a.png,train,real,0,s1", "img/c.png,test,sdxl,1,s1");
        String message = assertThrows(InvalidDatasetException.class, () -> ManifestCsvDataset.open(root)).getMessage();
        assertTrue(message.contains("group s1 appears in both train and test"), message);
    }

    @Test
    void rejectsMissingColumnsAndEmptyManifests() {
        manifest(root, "path,split,label,group", "img/a.png,train,real,s1");
        assertTrue(assertThrows(InvalidDatasetException.class, () -> ManifestCsvDataset.open(root))
                .getMessage().contains("[task_a]"));

        manifest(root, HEADER);
        assertTrue(assertThrows(InvalidDatasetException.class, () -> ManifestCsvDataset.open(root))
                .getMessage().contains("lists no images"));
    }

    private void assertBadRow(String row, String expected) {
        manifest(root, HEADER, row);
        String message = assertThrows(InvalidDatasetException.class, () -> ManifestCsvDataset.open(root)).getMessage();
        assertTrue(message.contains("line 2") && message.contains(expected), message);
    }
}
