package dev.defactify.contract.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times {@link ImagePreprocessor#prepare} and its stages on synthetic inputs. A main class, not a
 * test: timings on a shared build machine are too noisy to assert on. Run after test-compile with
 * {@code java -cp contract/target/classes:contract/target/test-classes:<deps> dev.defactify.contract.image.PreprocessingBenchmark [runs]}.
 *
 * <p>The images are smooth gradients plus per-pixel noise, encoded as JPEG at quality 90, so the
 * entropy decoder does about as much work as on a photograph (a flat colour would flatter it).
 */
public final class PreprocessingBenchmark {
    private static final int WARM_UP = 10;

    private PreprocessingBenchmark() {
    }

    /** One input and its encoded bytes. */
    private record Case(String name, byte[] bytes) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Case[] cases = {
                new Case("224x224 PNG", TestImages.encode(photoLike(224, 224, 1), "png")),
                new Case("1024x1024 JPEG q90", jpeg(photoLike(1024, 1024, 2), 0.9f)),
                new Case("4000x3000 JPEG q90", jpeg(photoLike(4000, 3000, 3), 0.9f)),
        };
        ImagePreprocessor preprocessor = new ImagePreprocessor(InputSpec.defaults(), ImageLimits.defaults());
        ImageProbe probe = new ImageProbe(ImageLimits.defaults());
        FloatBuffer direct = ByteBuffer.allocateDirect(InputSpec.defaults().tensorLength() * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        System.out.printf(Locale.ROOT, "median ms over %d runs after %d warm-up runs (%s)%n", runs, WARM_UP,
                InputSpec.defaults().policy().slug());
        System.out.printf(Locale.ROOT, "%-20s %9s %8s %8s %8s %8s %8s%n",
                "image", "bytes", "prepare", "probe", "decode", "tensor", "direct");
        for (Case c : cases) {
            DecodedImage decoded = preprocessor.decoder().decode(c.bytes());
            double prepare = median(runs, () -> preprocessor.prepare(c.bytes()));
            double header = median(runs, () -> probe.probe(c.bytes()));
            double decode = median(runs, () -> preprocessor.decoder().decode(c.bytes()));
            double tensor = median(runs, () -> preprocessor.toTensor(decoded));
            double intoDirect = median(runs, () -> {
                direct.clear();
                preprocessor.writeTensor(decoded, direct);
            });
            System.out.printf(Locale.ROOT, "%-20s %9d %8.2f %8.2f %8.2f %8.2f %8.2f   decoded %dx%d%n",
                    c.name(), c.bytes().length, prepare, header, decode, tensor, intoDirect,
                    decoded.width(), decoded.height());
        }
    }

    /** One timed step (the provenance benchmark times with the same median). */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    public static double median(int runs, Step step) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            step.run();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            step.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        long middle = runs % 2 == 1 ? nanos[runs / 2] : (nanos[runs / 2 - 1] + nanos[runs / 2]) / 2;
        return middle / 1e6;
    }

    /** Diagonal gradients with a coarse wave and per-pixel noise of about +-24 levels. */
    public static BufferedImage photoLike(int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double wave = 40 * Math.sin(x / 37.0) * Math.cos(y / 23.0);
                int r = clamp(255.0 * x / width + wave + random.nextInt(-24, 25));
                int g = clamp(255.0 * y / height - wave + random.nextInt(-24, 25));
                int b = clamp(128 + wave + random.nextInt(-24, 25));
                pixels[y * width + x] = r << 16 | g << 8 | b;
            }
        }
        return TestImages.rgb(width, height, pixels);
    }

    public static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }
}
