package dev.defactify.training.data.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes canvases as 8-bit RGB PNG. PNG is lossless, so a fingerprint is stored exactly as rendered. */
final class PngFiles {

    private PngFiles() {
    }

    static void write(RgbCanvas canvas, Path file) {
        try {
            if (!ImageIO.write(canvas.toImage(), "png", file.toFile())) {
                throw new IllegalStateException("this JVM has no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
