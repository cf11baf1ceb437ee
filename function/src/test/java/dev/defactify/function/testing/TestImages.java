package dev.defactify.function.testing;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.leptonica.PIX;

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

import static org.bytedeco.leptonica.global.leptonica.lept_free;
import static org.bytedeco.leptonica.global.leptonica.pixCreate;
import static org.bytedeco.leptonica.global.leptonica.pixDestroy;
import static org.bytedeco.leptonica.global.leptonica.pixGetData;
import static org.bytedeco.leptonica.global.leptonica.pixWriteMemWebP;

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

    public static byte[] bmp(int width, int height, long seed) {
        return encode(scene(width, height, seed), "bmp");
    }

    /** Palette-quantised by the JDK's writer: keep these small, quantising is slow. */
    public static byte[] gif(int width, int height, long seed) {
        return encode(scene(width, height, seed), "gif");
    }

    /**
     * A lossy (VP8) WebP of the same scene. The JDK has no WebP writer; Leptonica's natives, already on the
     * classpath for JPEG decoding, bundle libwebp's encoder.
     */
    public static byte[] webp(int width, int height, long seed) {
        BufferedImage image = scene(width, height, seed);
        PIX pix = pixCreate(width, height, 32);
        try (PointerPointer<BytePointer> data = new PointerPointer<>(1); SizeTPointer size = new SizeTPointer(1)) {
            int[] words = new int[width * height];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    // 32 bpp: one word per pixel (wpl == width), red in the most significant byte
                    words[y * width + x] = image.getRGB(x, y) << 8;
                }
            }
            pixGetData(pix).put(words);
            if (pixWriteMemWebP(data, size, pix, 80, 0) != 0) {
                throw new IllegalStateException("libwebp refused a " + width + "x" + height + " image");
            }
            BytePointer encoded = new BytePointer(data.get(0)).capacity(size.get());
            byte[] bytes = new byte[(int) size.get()];
            encoded.get(bytes);
            lept_free(encoded);
            return bytes;
        } finally {
            pixDestroy(pix);
        }
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
