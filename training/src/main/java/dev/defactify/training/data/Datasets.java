package dev.defactify.training.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a dataset folder in whichever layout it uses. */
public final class Datasets {

    private Datasets() {
    }

    /**
     * A manifest wins over the folder layout because only the manifest carries scene groups across classes; a
     * folder with neither images nor manifest is an error.
     */
    public static ImageDataset open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidDatasetException("dataset folder " + dir + " does not exist or is not a folder");
        }
        if (Files.isRegularFile(dir.resolve(ManifestRow.FILE_NAME))) {
            return ManifestCsvDataset.open(dir);
        }
        return ImageFolderDataset.open(dir);
    }
}
