package dev.defactify.training.data.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;

/** Writes canvases as 8-bit RGB PNG. PNG is lossless, so a fingerprint is stored exactly as rendered. */
final class PngFiles {

    /**
     * Noisy images barely compress, so the default maximum effort buys a few percent of size for several times
     * the encoding time, which dominated generation.
     */
    static final float COMPRESSION_QUALITY = 0.75f;

    private PngFiles() {
    }

    static void write(RgbCanvas canvas, Path file) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        // A file stream directly: ImageIO's stream factory would add a temporary-file cache per image.
        try (ImageOutputStream out = openTruncated(file)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(COMPRESSION_QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(canvas.toImage(), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            writer.dispose();
        }
    }

    // FileImageOutputStream writes into an existing file without truncating it.
    private static ImageOutputStream openTruncated(Path file) throws IOException {
        Files.deleteIfExists(file);
        return new FileImageOutputStream(file.toFile());
    }
}
