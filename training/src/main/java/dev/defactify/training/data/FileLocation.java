package dev.defactify.training.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** An image stored as a file on a local disk. */
public record FileLocation(Path path) implements ImageLocation {

    public FileLocation {
        Objects.requireNonNull(path, "path");
    }

    @Override
    public byte[] readBytes() throws IOException {
        return Files.readAllBytes(path);
    }

    @Override
    public String describe() {
        return path.toString();
    }
}
