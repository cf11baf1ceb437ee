package dev.defactify.training.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.image.DecodedImage;
import dev.defactify.contract.image.ImageDecoder;
import dev.defactify.contract.image.ImageFormat;
import dev.defactify.contract.image.ImageLimits;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PerturbationApplierTest {
    private final PerturbationApplier applier = new PerturbationApplier(new ImageDecoder(ImageLimits.defaults()));
    private final DecodedImage image = TestImages.noisy(64, 48, 3);

    @Test
    void jpegRecompressionChangesPixelsWithinBoundsAndLowerQualityChangesMore() throws Exception {
        DecodedImage q95 = applier.apply(image, new Perturbation.JpegRecompression(95));
        DecodedImage q30 = applier.apply(image, new Perturbation.JpegRecompression(30));
        assertEquals(ImageFormat.JPEG, q30.format());
        assertEquals(image.width(), q30.width());
        assertEquals(image.height(), q30.height());
        int errorAt95 = TestImages.maxChannelDifference(image, q95);
        int errorAt30 = TestImages.maxChannelDifference(image, q30);
        assertTrue(errorAt95 > 0, "re-compression must change something");
        // noisy content at q95 stays close; q30 loses much more of the noise, yet stays the same picture
        assertTrue(meanAbsoluteError(image, q95) < meanAbsoluteError(image, q30),
                meanAbsoluteError(image, q95) + " vs " + meanAbsoluteError(image, q30));
        assertTrue(meanAbsoluteError(image, q30) < 60, "mean error " + meanAbsoluteError(image, q30));
        assertTrue(errorAt30 <= 255 && errorAt95 <= errorAt30 + 64, errorAt95 + " / " + errorAt30);
        assertTrue(TestImages.highFrequencyEnergy(q30) < TestImages.highFrequencyEnergy(image));
    }

    @Test
    void blurReducesHighFrequencyEnergyMoreWithLargerSigmaAndZeroSigmaIsIdentity() throws Exception {
        double original = TestImages.highFrequencyEnergy(image);
        double sigmaHalf = TestImages.highFrequencyEnergy(applier.apply(image, new Perturbation.GaussianBlur(0.5)));
        double sigmaTwo = TestImages.highFrequencyEnergy(applier.apply(image, new Perturbation.GaussianBlur(2)));
        assertTrue(sigmaHalf < original, sigmaHalf + " < " + original);
        assertTrue(sigmaTwo < sigmaHalf / 4, sigmaTwo + " << " + sigmaHalf);
        assertSame(image, applier.apply(image, new Perturbation.GaussianBlur(0)));
    }

    @Test
    void flipMirrorsEveryRowAndTwiceIsTheOriginal() throws Exception {
        DecodedImage flipped = applier.apply(image, new Perturbation.HorizontalFlip());
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                assertEquals(image.rgbAt(x, y), flipped.rgbAt(image.width() - 1 - x, y));
            }
        }
        assertTrue(Arrays.equals(image.rgb(), applier.apply(flipped, new Perturbation.HorizontalFlip()).rgb()));
    }

    @Test
    void cropKeepsTheRequestedSquareAndRefusesOneThatDoesNotFit() throws Exception {
        DecodedImage crop = applier.apply(image, new Perturbation.SquareCrop(10, 5, 30));
        assertEquals(30, crop.width());
        assertEquals(30, crop.height());
        assertEquals(image.rgbAt(10, 5), crop.rgbAt(0, 0));
        assertEquals(image.rgbAt(39, 34), crop.rgbAt(29, 29));
        assertThrows(IllegalArgumentException.class, () -> applier.apply(image, new Perturbation.SquareCrop(40, 0, 30)));
    }

    @Test
    void rescaleSetsTheSizeAndAveragesWhenShrinking() throws Exception {
        DecodedImage half = applier.apply(image, new Perturbation.Rescale(0.5));
        assertEquals(32, half.width());
        assertEquals(24, half.height());
        DecodedImage larger = applier.apply(image, new Perturbation.Rescale(1.5));
        assertEquals(96, larger.width());
        assertEquals(72, larger.height());
        // a 2x2 box average: the top-left output pixel is the mean of the four source pixels
        int expectedRed = (red(image.rgbAt(0, 0)) + red(image.rgbAt(1, 0)) + red(image.rgbAt(0, 1))
                + red(image.rgbAt(1, 1)) + 2) / 4;
        assertTrue(Math.abs(expectedRed - red(half.rgbAt(0, 0))) <= 1);
        assertNotEquals(TestImages.highFrequencyEnergy(image), TestImages.highFrequencyEnergy(half));
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 0xff;
    }

    private static double meanAbsoluteError(DecodedImage a, DecodedImage b) {
        double sum = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                sum += Math.abs(((a.rgb()[i] >> shift) & 0xff) - ((b.rgb()[i] >> shift) & 0xff));
            }
        }
        return sum / (3.0 * a.rgb().length);
    }
}
