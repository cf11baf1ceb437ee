package dev.defactify.training.data.demo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Measurements the fingerprint tests need: PSNR, mean absolute difference and the training pipeline's resize. */
final class ImageComparison {

    private ImageComparison() {
    }

    /** Interleaved RGB values, row-major. */
    record Pixels(int width, int height, double[] rgb) {
    }

    static Pixels read(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            double[] rgb = new double[image.getWidth() * image.getHeight() * 3];
            int k = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int p = image.getRGB(x, y);
                    rgb[k++] = (p >> 16) & 0xFF;
                    rgb[k++] = (p >> 8) & 0xFF;
                    rgb[k++] = p & 0xFF;
                }
            }
            return new Pixels(image.getWidth(), image.getHeight(), rgb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double psnr(Pixels a, Pixels b) {
        double mse = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            double d = a.rgb()[i] - b.rgb()[i];
            mse += d * d;
        }
        mse /= a.rgb().length;
        return 10 * Math.log10(255.0 * 255.0 / mse);
    }

    static double meanAbsoluteDifference(Pixels a, Pixels b) {
        double sum = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            sum += Math.abs(a.rgb()[i] - b.rgb()[i]);
        }
        return sum / a.rgb().length;
    }

    /**
     * What training does: shorter side to {@code side} with an antialiased bilinear (triangle) filter whose support
     * widens with the shrink factor, then a centred square crop.
     */
    static Pixels resizeShorterSideAndCentreCrop(Pixels image, int side) {
        double scale = (double) side / Math.min(image.width(), image.height());
        int width = (int) Math.round(image.width() * scale);
        int height = (int) Math.round(image.height() * scale);
        Pixels resized = resampleRows(resampleColumns(image, height), width);
        int x0 = (width - side) / 2;
        int y0 = (height - side) / 2;
        double[] crop = new double[side * side * 3];
        for (int y = 0; y < side; y++) {
            System.arraycopy(resized.rgb(), ((y + y0) * width + x0) * 3, crop, y * side * 3, side * 3);
        }
        return new Pixels(side, side, crop);
    }

    private static Pixels resampleRows(Pixels in, int outWidth) {
        Taps[] taps = taps(outWidth, in.width());
        double[] out = new double[outWidth * in.height() * 3];
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < outWidth; x++) {
                for (int c = 0; c < 3; c++) {
                    double acc = 0;
                    for (int k = 0; k < taps[x].weights().length; k++) {
                        acc += taps[x].weights()[k] * in.rgb()[(y * in.width() + taps[x].first() + k) * 3 + c];
                    }
                    out[(y * outWidth + x) * 3 + c] = acc;
                }
            }
        }
        return new Pixels(outWidth, in.height(), out);
    }

    private static Pixels resampleColumns(Pixels in, int outHeight) {
        Taps[] taps = taps(outHeight, in.height());
        double[] out = new double[in.width() * outHeight * 3];
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < in.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    double acc = 0;
                    for (int k = 0; k < taps[y].weights().length; k++) {
                        acc += taps[y].weights()[k] * in.rgb()[((taps[y].first() + k) * in.width() + x) * 3 + c];
                    }
                    out[(y * in.width() + x) * 3 + c] = acc;
                }
            }
        }
        return new Pixels(in.width(), outHeight, out);
    }

    /** Normalised triangle-filter weights of one output sample over the input samples first, first+1, ... */
    private record Taps(int first, double[] weights) {
    }

    private static Taps[] taps(int outSize, int inSize) {
        double ratio = (double) inSize / outSize;
        double support = Math.max(1, ratio);
        Taps[] taps = new Taps[outSize];
        for (int o = 0; o < outSize; o++) {
            double centre = (o + 0.5) * ratio;
            int first = Math.max(0, (int) Math.floor(centre - support - 0.5));
            int last = Math.min(inSize - 1, (int) Math.ceil(centre + support));
            double[] weights = new double[last - first + 1];
            double total = 0;
            for (int s = first; s <= last; s++) {
                weights[s - first] = Math.max(0, 1 - Math.abs(s + 0.5 - centre) / support);
                total += weights[s - first];
            }
            for (int k = 0; k < weights.length; k++) {
                weights[k] /= total;
            }
            taps[o] = new Taps(first, weights);
        }
        return taps;
    }
}
