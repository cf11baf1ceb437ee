package dev.defactify.training.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds small dataset folders for tests; file contents are placeholders since the datasets never decode. */
final class DatasetTrees {

    private DatasetTrees() {
    }

    static Path file(Path root, String relative) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "image " + relative, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void manifest(Path root, String... lines) {
        try {
            Files.createDirectories(root);
            Files.writeString(root.resolve("manifest.csv"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
