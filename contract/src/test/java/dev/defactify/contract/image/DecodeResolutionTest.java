package dev.defactify.contract.image;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.defactify.contract.image.TestImages.pack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reduced-resolution decoding of large JPEGs under resize-shorter-then-center-crop: which factor is
 * chosen, that orientation is still right, that the result is what the reduction promises (DCT scaling by a power
 * of two through libjpeg-turbo, point subsampling by the integer factor through ImageIO), and how far the tensor
 * moves from the full-resolution one.
 */
class DecodeResolutionTest {
    /** A 12-megapixel photograph-like JPEG (gradients, waves, per-pixel noise), shared: it takes a second to build. */
    private static final byte[] LARGE_JPEG = photoJpeg(4000, 3000, 11);

    private static final InputSpec RESIZE = InputSpec.defaults();
    private static final InputSpec CROP = InputSpec.imagenet(224, ResizePolicy.CENTER_CROP);

    private static byte[] photoJpeg(int width, int height, long seed) {
        try {
            return PreprocessingBenchmark.jpeg(PreprocessingBenchmark.photoLike(width, height, seed), 0.9f);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static DecodedImage decode(InputSpec spec, byte[] encoded) throws ImageRejectedException {
        return new ImagePreprocessor(spec, ImageLimits.defaults()).decoder().decode(encoded);
    }

    private static DecodedImage jdkDecode(InputSpec spec, byte[] encoded) throws ImageRejectedException {
        return new ImagePreprocessor(spec, ImageLimits.defaults(), JpegBackend.IMAGEIO).decoder().decode(encoded);
    }

    @Test
    void libjpegTurboReducesByThePowerOfTwoBelowTheFactor() {
        assertEquals(1, TurboJpeg.reductionFor(1));
        assertEquals(2, TurboJpeg.reductionFor(2));
        assertEquals(2, TurboJpeg.reductionFor(3));
        assertEquals(4, TurboJpeg.reductionFor(6));
        assertEquals(8, TurboJpeg.reductionFor(8));
        assertEquals(8, TurboJpeg.reductionFor(30));
    }

    @Test
    void largeJpegDecodesInTheDctDomainAtAQuarter() throws Exception {
        assumeTrue(TurboJpeg.available(), "libjpeg-turbo natives did not load here");
        DecodedImage image = decode(RESIZE, LARGE_JPEG);
        assertEquals(4, image.subsampling()); // factor 6 allows 4, the largest DCT scale below it
        assertEquals(1000, image.width());
        assertEquals(750, image.height());
        assertEquals(4000, image.sourceWidth());
        assertEquals(3000, image.sourceHeight());
    }

    /** DCT scaling by 4 gives, within rounding of the transform, the mean of each 4 x 4 block of the full decode. */
    @Test
    void dctScaledPixelsAreBlockMeansOfTheFullDecode() throws Exception {
        assumeTrue(TurboJpeg.available(), "libjpeg-turbo natives did not load here");
        DecodedImage full = new ImageDecoder(ImageLimits.defaults()).decode(LARGE_JPEG);
        DecodedImage reduced = decode(RESIZE, LARGE_JPEG);
        long difference = 0;
        for (int y = 0; y < reduced.height(); y++) {
            for (int x = 0; x < reduced.width(); x++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    int sum = 0;
                    for (int dy = 0; dy < 4; dy++) {
                        for (int dx = 0; dx < 4; dx++) {
                            sum += full.rgbAt(4 * x + dx, 4 * y + dy) >> shift & 0xFF;
                        }
                    }
                    difference += Math.abs((reduced.rgbAt(x, y) >> shift & 0xFF) - sum / 16.0);
                }
            }
        }
        double mean = difference / (3.0 * reduced.width() * reduced.height());
        assertTrue(mean < 3.0, "mean |DCT-scaled - block mean| " + mean + " levels");
    }

    @Test
    void factorKeepsTheShorterSideAtLeastTwiceTheInputSize() {
        DecodeResolution resolution = DecodeResolution.forSpec(RESIZE);
        assertEquals(448, resolution.minShorterSide());
        assertEquals(6, resolution.subsampling(ImageFormat.JPEG, 4000, 3000)); // 3000 / 448 = 6.7
        assertEquals(6, resolution.subsampling(ImageFormat.JPEG, 3000, 4000));
        assertEquals(2, resolution.subsampling(ImageFormat.JPEG, 1024, 1024));
        assertEquals(2, resolution.subsampling(ImageFormat.JPEG, 896, 5000));
        assertEquals(1, resolution.subsampling(ImageFormat.JPEG, 895, 5000));
        assertEquals(1, resolution.subsampling(ImageFormat.PNG, 4000, 3000));
        assertEquals(1, DecodeResolution.forSpec(CROP).subsampling(ImageFormat.JPEG, 4000, 3000));
        assertEquals(1, DecodeResolution.FULL.subsampling(ImageFormat.JPEG, 40000, 1000));
    }

    @Test
    void subsampledSideNeverDropsBelowTheMinimum() {
        DecodeResolution resolution = new DecodeResolution(448);
        for (int side = 448; side < 448 * 12; side++) {
            int k = resolution.subsampling(ImageFormat.JPEG, side, side);
            int kept = (side - DecodeResolution.offset(k) + k - 1) / k; // ImageIO's subsampled size
            assertTrue(kept >= 448, side + " / " + k + " keeps " + kept);
        }
    }

    @Test
    void imageIoSubsamplesALargeJpegByFactorSix() throws Exception {
        DecodedImage image = jdkDecode(RESIZE, LARGE_JPEG);
        assertEquals(6, image.subsampling());
        // offset 2, so ceil((4000 - 2) / 6) x ceil((3000 - 2) / 6)
        assertEquals(667, image.width());
        assertEquals(500, image.height());
        assertEquals(4000, image.sourceWidth());
        assertEquals(3000, image.sourceHeight());
        assertEquals(4000, image.encodedWidth());
        assertEquals(3000, image.encodedHeight());
    }

    /** ImageIO's subsampling keeps, exactly, the middle pixel of each 6 x 6 block of its full decode. */
    @Test
    void subsampledPixelsAreTheBlockCentresOfTheFullDecode() throws Exception {
        DecodedImage full = new ImagePreprocessor(CROP, ImageLimits.defaults(), JpegBackend.IMAGEIO).decoder()
                .decode(LARGE_JPEG);
        DecodedImage reduced = jdkDecode(RESIZE, LARGE_JPEG);
        assertEquals(1, full.subsampling());
        for (int y = 0; y < reduced.height(); y++) {
            for (int x = 0; x < reduced.width(); x++) {
                if (reduced.rgbAt(x, y) != full.rgbAt(2 + 6 * x, 2 + 6 * y)) {
                    throw new AssertionError("pixel " + x + "," + y + " differs");
                }
            }
        }
    }

    /** The reduction happens as stored; orientation 6 then turns the kept pixels upright (both backends). */
    @ParameterizedTest
    @EnumSource(JpegBackend.class)
    void orientationIsAppliedAfterTheReduction(JpegBackend backend) throws Exception {
        ImageDecoder decoder = new ImagePreprocessor(RESIZE, ImageLimits.defaults(), backend).decoder();
        DecodedImage stored = decoder.decode(LARGE_JPEG);
        DecodedImage rotated = decoder.decode(TestImages.withExifOrientation(LARGE_JPEG, 6));
        assertEquals(Orientation.ROTATE_90_CLOCKWISE, rotated.orientation());
        assertEquals(stored.height(), rotated.width());
        assertEquals(stored.width(), rotated.height());
        assertEquals(3000, rotated.sourceWidth());
        assertEquals(4000, rotated.sourceHeight());
        assertArrayEquals(Orientation.ROTATE_90_CLOCKWISE.apply(stored.rgb(), stored.width(), stored.height()),
                rotated.rgb());
        PreparedImage prepared = new ImagePreprocessor(RESIZE, ImageLimits.defaults())
                .prepare(TestImages.withExifOrientation(LARGE_JPEG, 6));
        assertEquals(3000, prepared.width(), "prepare reports the upright size of the file, not of the decode");
        assertEquals(4000, prepared.height());
    }

    /** Quadrants stay where they belong when a large rotated JPEG is subsampled. */
    @Test
    void quadrantsOfALargeRotatedJpegLandUpright() throws Exception {
        int red = pack(255, 0, 0);
        int green = pack(0, 255, 0);
        int blue = pack(0, 0, 255);
        int white = pack(255, 255, 255);
        int[] pixels = new int[2000 * 1000];
        for (int y = 0; y < 1000; y++) {
            for (int x = 0; x < 2000; x++) {
                pixels[y * 2000 + x] = y < 500 ? (x < 1000 ? red : green) : (x < 1000 ? blue : white);
            }
        }
        byte[] jpeg = TestImages.withExifOrientation(TestImages.encode(TestImages.rgb(2000, 1000, pixels), "jpeg"), 6);
        DecodedImage image = decode(RESIZE, jpeg);
        assertEquals(2, image.subsampling());
        assertEquals(500, image.width());
        assertEquals(1000, image.height());
        // clockwise: stored left column (red over blue) becomes the top row (blue, red)
        ImageDecoderTest.assertClose(blue, image.rgbAt(125, 250), 8);
        ImageDecoderTest.assertClose(red, image.rgbAt(375, 250), 8);
        ImageDecoderTest.assertClose(white, image.rgbAt(125, 750), 8);
        ImageDecoderTest.assertClose(green, image.rgbAt(375, 750), 8);
    }

    /**
     * The tensor from the subsampled decode stays close to the full-resolution one. Measured on this
     * image: mean |diff| 0.041, max |diff| 0.229 in normalised units (one 8-bit level is about 0.018),
     * nearly all of it the per-pixel noise that 36 point samples per output average less well than
     * the 13 x 13 pixels of the full-resolution filter do.
     */
    @Test
    void tensorOfALargeJpegIsCloseToTheFullResolutionOne() throws Exception {
        ImagePreprocessor preprocessor = new ImagePreprocessor(RESIZE, ImageLimits.defaults());
        float[] reduced = preprocessor.prepare(LARGE_JPEG).tensor();
        float[] full = preprocessor.toTensor(new ImageDecoder(ImageLimits.defaults()).decode(LARGE_JPEG));
        double sum = 0;
        double max = 0;
        for (int i = 0; i < full.length; i++) {
            double diff = Math.abs(reduced[i] - full[i]);
            sum += diff;
            max = Math.max(max, diff);
        }
        double mean = sum / full.length;
        assertTrue(mean < 0.05, "mean abs diff " + mean);
        assertTrue(max < 0.3, "max abs diff " + max);
    }

    @Test
    void smallImagesAndCenterCropAreDecodedInFull() throws Exception {
        byte[] small = photoJpeg(800, 600, 12);
        for (InputSpec spec : new InputSpec[] {RESIZE, CROP}) {
            for (byte[] jpeg : new byte[][] {small, LARGE_JPEG}) {
                if (spec == RESIZE && jpeg == LARGE_JPEG) {
                    continue;
                }
                ImagePreprocessor preprocessor = new ImagePreprocessor(spec, ImageLimits.defaults());
                DecodedImage image = preprocessor.decoder().decode(jpeg);
                assertEquals(1, image.subsampling());
                assertEquals(image.sourceWidth(), image.width());
                float[] full = preprocessor.toTensor(new ImageDecoder(ImageLimits.defaults()).decode(jpeg));
                assertTrue(Arrays.equals(full, preprocessor.prepare(jpeg).tensor()), spec.policy().slug());
            }
        }
    }

    /**
     * Center-crop copies only its window out of libjpeg-turbo, for every orientation: the tensor is bit-identical to
     * cropping the full decode, and the window is all that was materialised.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void centerCropDecodesOnlyItsWindowAndGetsTheSameTensor(int exif) throws Exception {
        byte[] jpeg = TestImages.withExifOrientation(photoJpeg(801, 603, 13), exif);
        ImagePreprocessor preprocessor = new ImagePreprocessor(CROP, ImageLimits.defaults());
        DecodedImage window = preprocessor.decodeForTensor(jpeg);
        DecodedImage whole = preprocessor.decoder().decode(jpeg);
        assertArrayEquals(preprocessor.toTensor(whole), preprocessor.toTensor(window), "orientation " + exif);
        assertEquals(whole.sourceWidth(), window.sourceWidth());
        assertEquals(whole.sourceHeight(), window.sourceHeight());
        if (TurboJpeg.available()) {
            assertEquals(224, window.width());
            assertEquals(224, window.height());
        }
        // too small for a window: decoded whole and scaled up
        byte[] small = photoJpeg(200, 150, 14);
        assertEquals(200, preprocessor.decodeForTensor(small).width());
    }
}
