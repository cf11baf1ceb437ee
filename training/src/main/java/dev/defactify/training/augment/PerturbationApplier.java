package dev.defactify.training.augment;

import dev.defactify.contract.image.DecodedImage;
import dev.defactify.contract.image.ImageDecoder;
import dev.defactify.contract.image.ImageRejectedException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Applies {@link Perturbation}s to decoded pixels (packed {@code 0xRRGGBB}), before the shared resize and
 * normalisation, so the tensor is still built by the one preprocessing path serving uses. Pure Java arithmetic
 * (no Java2D scaling) so the result is the same on every machine; JPEG goes through ImageIO's encoder and back
 * through the shared decoder, which is what a re-compressed upload meets in serving.
 * Stateless apart from the decoder; safe to share between threads.
 */
public final class PerturbationApplier {
    private final ImageDecoder decoder;

    public PerturbationApplier(ImageDecoder decoder) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    public DecodedImage applyAll(DecodedImage image, List<Perturbation> perturbations) throws ImageRejectedException {
        DecodedImage current = image;
        for (Perturbation perturbation : perturbations) {
            current = apply(current, perturbation);
        }
        return current;
    }

    public DecodedImage apply(DecodedImage image, Perturbation perturbation) throws ImageRejectedException {
        return switch (perturbation) {
            case Perturbation.Rescale rescale -> rescale(image, rescale.factor());
            case Perturbation.SquareCrop crop -> crop(image, crop);
            case Perturbation.HorizontalFlip flip -> flip(image);
            case Perturbation.GaussianBlur blur -> blur(image, blur.sigma());
            case Perturbation.JpegRecompression jpeg -> recompress(image, jpeg.quality());
        };
    }

    static DecodedImage rescale(DecodedImage image, double factor) {
        int width = Math.max(1, (int) Math.round(image.width() * factor));
        int height = Math.max(1, (int) Math.round(image.height() * factor));
        if (width == image.width() && height == image.height()) {
            return image;
        }
        int[] out = new int[width * height];
        // Box-filter when shrinking (each output pixel averages the source pixels it covers) so a 0.5x resize
        // behaves like a real downscaler rather than dropping every other pixel; bilinear when enlarging.
        double sx = (double) image.width() / width;
        double sy = (double) image.height() / height;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + x] = factor < 1
                        ? boxAverage(image, x * sx, y * sy, (x + 1) * sx, (y + 1) * sy)
                        : bilinear(image, (x + 0.5) * sx - 0.5, (y + 0.5) * sy - 0.5);
            }
        }
        return DecodedImage.of(image.format(), width, height, out);
    }

    private static int boxAverage(DecodedImage image, double x0, double y0, double x1, double y1) {
        int fromX = (int) Math.floor(x0);
        int fromY = (int) Math.floor(y0);
        int toX = Math.min(image.width(), Math.max(fromX + 1, (int) Math.ceil(x1)));
        int toY = Math.min(image.height(), Math.max(fromY + 1, (int) Math.ceil(y1)));
        double r = 0;
        double g = 0;
        double b = 0;
        double total = 0;
        for (int y = fromY; y < toY; y++) {
            double wy = Math.min(y + 1, y1) - Math.max(y, y0);
            for (int x = fromX; x < toX; x++) {
                double w = wy * (Math.min(x + 1, x1) - Math.max(x, x0));
                if (w <= 0) {
                    continue;
                }
                int p = image.rgbAt(x, y);
                r += w * ((p >> 16) & 0xff);
                g += w * ((p >> 8) & 0xff);
                b += w * (p & 0xff);
                total += w;
            }
        }
        return pack(r / total, g / total, b / total);
    }

    private static int bilinear(DecodedImage image, double fx, double fy) {
        double cx = Math.clamp(fx, 0, image.width() - 1);
        double cy = Math.clamp(fy, 0, image.height() - 1);
        int x0 = (int) Math.floor(cx);
        int y0 = (int) Math.floor(cy);
        int x1 = Math.min(x0 + 1, image.width() - 1);
        int y1 = Math.min(y0 + 1, image.height() - 1);
        double ax = cx - x0;
        double ay = cy - y0;
        double[] c = new double[3];
        int[] corners = {image.rgbAt(x0, y0), image.rgbAt(x1, y0), image.rgbAt(x0, y1), image.rgbAt(x1, y1)};
        double[] weights = {(1 - ax) * (1 - ay), ax * (1 - ay), (1 - ax) * ay, ax * ay};
        for (int i = 0; i < 4; i++) {
            c[0] += weights[i] * ((corners[i] >> 16) & 0xff);
            c[1] += weights[i] * ((corners[i] >> 8) & 0xff);
            c[2] += weights[i] * (corners[i] & 0xff);
        }
        return pack(c[0], c[1], c[2]);
    }

    static DecodedImage crop(DecodedImage image, Perturbation.SquareCrop crop) {
        if (crop.x() + crop.side() > image.width() || crop.y() + crop.side() > image.height()) {
            throw new IllegalArgumentException("crop " + crop + " does not fit a " + image.width() + "x"
                    + image.height() + " image");
        }
        int side = crop.side();
        int[] out = new int[side * side];
        for (int y = 0; y < side; y++) {
            System.arraycopy(image.rgb(), (crop.y() + y) * image.width() + crop.x(), out, y * side, side);
        }
        return DecodedImage.of(image.format(), side, side, out);
    }

    static DecodedImage flip(DecodedImage image) {
        int width = image.width();
        int[] out = new int[image.rgb().length];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < width; x++) {
                out[y * width + x] = image.rgb()[y * width + width - 1 - x];
            }
        }
        return DecodedImage.of(image.format(), width, image.height(), out);
    }

    static DecodedImage blur(DecodedImage image, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        if (radius == 0) {
            return image;
        }
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        int width = image.width();
        int height = image.height();
        // channels as doubles between the passes: rounding after the first pass would add a bias
        double[][] horizontal = new double[3][width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int k = -radius; k <= radius; k++) {
                    int p = image.rgbAt(Math.clamp(x + k, 0, width - 1), y);
                    double w = kernel[k + radius];
                    r += w * ((p >> 16) & 0xff);
                    g += w * ((p >> 8) & 0xff);
                    b += w * (p & 0xff);
                }
                horizontal[0][y * width + x] = r;
                horizontal[1][y * width + x] = g;
                horizontal[2][y * width + x] = b;
            }
        }
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int k = -radius; k <= radius; k++) {
                    int at = Math.clamp(y + k, 0, height - 1) * width + x;
                    double w = kernel[k + radius];
                    r += w * horizontal[0][at];
                    g += w * horizontal[1][at];
                    b += w * horizontal[2][at];
                }
                out[y * width + x] = pack(r, g, b);
            }
        }
        return DecodedImage.of(image.format(), width, height, out);
    }

    DecodedImage recompress(DecodedImage image, int quality) throws ImageRejectedException {
        return decoder.decode(jpegBytes(image, quality));
    }

    /** Baseline JPEG at {@code quality}/100 with ImageIO's standard tables (4:2:0 chroma, as most encoders). */
    static byte[] jpegBytes(DecodedImage image, int quality) {
        BufferedImage buffered = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        buffered.setRGB(0, 0, image.width(), image.height(), image.rgb(), 0, image.width());
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this JDK has no ImageIO JPEG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(buffered, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding in memory failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static int pack(double r, double g, double b) {
        return channel(r) << 16 | channel(g) << 8 | channel(b);
    }

    private static int channel(double value) {
        return (int) Math.clamp(Math.round(value), 0, 255);
    }
}
