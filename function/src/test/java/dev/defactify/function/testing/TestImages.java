package dev.defactify.function.testing;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

/** Images the tests make themselves: noisy scenes in any size and format, and hostile files. */
public final class TestImages {
    private TestImages() {
    }

    public static byte[] jpeg(int width, int height, long seed) {
        return encode(scene(width, height, seed), "jpg");
    }

    public static byte[] png(int width, int height, long seed) {
        return encode(scene(width, height, seed), "png");
    }

    /** The function's own bundled priming sample (320×256 JPEG). */
    public static byte[] bundledJpeg() {
        try (InputStream in = TestImages.class.getResourceAsStream("/priming/sample.jpg")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] truncated(byte[] image, int keep) {
        return Arrays.copyOf(image, keep);
    }

    /** A valid PNG signature and header declaring {@code width × height}, then nothing decodable. */
    public static byte[] pngHeaderClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes()).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 64);
        png.put(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}).putInt(13).put(ihdr.array())
                .putInt((int) crc.getValue());
        return png.array();
    }

    static BufferedImage scene(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = clamp(80 + 120 * y / height + (int) (random.nextGaussian() * 8));
                int g = clamp(100 + (int) (60 * Math.sin(x / 37.0)) + (int) (random.nextGaussian() * 8));
                int b = clamp(170 - 90 * x / width + (int) (random.nextGaussian() * 8));
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }
}
