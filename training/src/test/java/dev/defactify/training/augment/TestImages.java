package dev.defactify.training.augment;

import dev.defactify.contract.image.DecodedImage;
import dev.defactify.contract.image.ImageFormat;
import java.util.SplittableRandom;

/** Small synthetic images with known structure, built in memory. */
final class TestImages {
    private TestImages() {
    }

    /** Smooth gradients plus seeded per-pixel noise: plenty of high-frequency detail for blur and JPEG to remove. */
    static DecodedImage noisy(int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] rgb = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = clamp(x * 255 / Math.max(1, width - 1) + random.nextInt(-60, 61));
                int g = clamp(y * 255 / Math.max(1, height - 1) + random.nextInt(-60, 61));
                int b = clamp(128 + random.nextInt(-100, 101));
                rgb[y * width + x] = r << 16 | g << 8 | b;
            }
        }
        return DecodedImage.of(ImageFormat.PNG, width, height, rgb);
    }

    /** Mean squared difference between horizontally and vertically adjacent pixels, over all channels. */
    static double highFrequencyEnergy(DecodedImage image) {
        double sum = 0;
        long n = 0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                if (x + 1 < image.width()) {
                    sum += squaredDifference(image.rgbAt(x, y), image.rgbAt(x + 1, y));
                    n += 3;
                }
                if (y + 1 < image.height()) {
                    sum += squaredDifference(image.rgbAt(x, y), image.rgbAt(x, y + 1));
                    n += 3;
                }
            }
        }
        return sum / n;
    }

    static int maxChannelDifference(DecodedImage a, DecodedImage b) {
        int max = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                max = Math.max(max, Math.abs(((a.rgb()[i] >> shift) & 0xff) - ((b.rgb()[i] >> shift) & 0xff)));
            }
        }
        return max;
    }

    private static double squaredDifference(int p, int q) {
        double sum = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            int d = ((p >> shift) & 0xff) - ((q >> shift) & 0xff);
            sum += d * d;
        }
        return sum;
    }

    private static int clamp(int value) {
        return Math.clamp(value, 0, 255);
    }
}
