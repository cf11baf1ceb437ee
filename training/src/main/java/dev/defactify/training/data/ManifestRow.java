package dev.defactify.training.data;

import dev.defactify.contract.label.SourceLabel;
import java.util.List;
import java.util.Objects;

/**
 * One line of {@code manifest.csv}. The {@code task_a} column is redundant with the label on purpose: it lets
 * tools that know nothing of the six sources read the binary target, and a disagreement exposes a corrupted file.
 *
 * @param path  image path relative to the manifest's folder, always with '/' separators
 * @param group scene or caption id shared by all renderings of the same content
 */
public record ManifestRow(String path, Split split, SourceLabel label, String group) {

    public static final String FILE_NAME = "manifest.csv";
    public static final List<String> COLUMNS = List.of("path", "split", "label", "task_a", "group");

    public ManifestRow {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(group, "group");
    }

    public int taskA() {
        return label.taskALabel();
    }

    public static String header() {
        return String.join(",", COLUMNS);
    }

    public String toCsvLine() {
        return CsvFields.join(List.of(path, split.folderName(), label.slug(), Integer.toString(taskA()), group));
    }
}
