package dev.defactify.training.data;

import static dev.defactify.training.data.DatasetTrees.file;
import static dev.defactify.training.data.DatasetTrees.manifest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path root;

    @Test
    void prefersTheManifestWhenThereIsOne() {
        file(root, "train/real/a.png");
        file(root, "train/sdxl/a.png");
        manifest(root, "path,split,label,task_a,group", "train/real/a.png,train,real,0,scene-9");

        ImageDataset dataset = Datasets.open(root);

        assertInstanceOf(ManifestCsvDataset.class, dataset);
        assertEquals(1, dataset.images(Split.TRAIN).size());
        assertEquals("scene-9", dataset.images(Split.TRAIN).getFirst().group());
    }

    @Test
    void fallsBackToTheFolderLayout() {
        file(root, "val/sd21/x.png");

        assertInstanceOf(ImageFolderDataset.class, Datasets.open(root));
    }

    @Test
    void emptyOrMissingFolderIsAnError() throws Exception {
        assertThrows(InvalidDatasetException.class, () -> Datasets.open(root));
        Files.delete(root);
        assertThrows(InvalidDatasetException.class, () -> Datasets.open(root));
    }
}
