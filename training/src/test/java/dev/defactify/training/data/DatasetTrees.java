package dev.defactify.training.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Builds small dataset folders for tests. Every image file is a real PNG, whatever its extension says (decoders go
 * by signature): datasets decode each image once when they are opened.
 */
final class DatasetTrees {

    private DatasetTrees() {
    }

    static Path file(Path root, String relative) {
        return write(root, relative, png(relative));
    }

    /** A PNG whose header is intact but whose image data stops halfway: it probes fine and does not decode. */
    static Path truncatedPng(Path root, String relative) {
        byte[] whole = png(relative);
        return write(root, relative, Arrays.copyOf(whole, whole.length / 2));
    }

    /** A 16 x 16 PNG whose pixels depend on {@code relative}, so every file of a tree has its own bytes. */
    static byte[] png(String relative) {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        int seed = relative.hashCode();
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, seed * 31 + x * 7919 + y * 104729);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Path write(Path root, String relative, byte[] bytes) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
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
