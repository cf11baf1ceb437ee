package dev.defactify.contract.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.defactify.contract.image.TestImages.pack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Pins exact tensor values for tiny images encoded as PNG (lossless, so the pixels are known), so any
 * change to decoding, resampling, cropping or normalisation (which would silently invalidate every
 * trained model) fails here. Expected pixel values are derived by hand in the comments; normalisation
 * is (v / 255 - mean[c]) / std[c] with ImageNet mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225).
 */
class GoldenTensorTest {
    private static final float TOLERANCE = 1e-5f;

    private static float[] tensor(int size, ResizePolicy policy, int width, int height, int... pixels) throws Exception {
        byte[] png = TestImages.encode(TestImages.rgb(width, height, pixels), "png");
        return new ImagePreprocessor(InputSpec.imagenet(size, policy), ImageLimits.defaults()).prepare(png).tensor();
    }

    /** The contract's normalisation, written out in double for expected values. */
    private static float normalised(int channel, double value) {
        double[] mean = {0.485, 0.456, 0.406};
        double[] std = {0.229, 0.224, 0.225};
        return (float) ((value / 255 - mean[channel]) / std[channel]);
    }

    private static float[] planes(int channelsFirst, double[]... planeValues) {
        int plane = planeValues[0].length;
        float[] out = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i++) {
                out[c * plane + i] = normalised(channelsFirst + c, planeValues[c][i]);
            }
        }
        return out;
    }

    /**
     * 2x2 at size 2 needs no resampling under either policy, so the tensor is the pixels normalised:
     * R 255 -> (1 - 0.485) / 0.229 = 2.2489083, R 0 -> -0.485 / 0.229 = -2.1179039,
     * G 255 -> 0.544 / 0.224 = 2.4285714, G 0 -> -0.456 / 0.224 = -2.0357143,
     * B 255 -> 0.594 / 0.225 = 2.64, B 0 -> -0.406 / 0.225 = -1.8044444.
     */
    @ParameterizedTest
    @EnumSource(ResizePolicy.class)
    void twoByTwoIsOnlyNormalised(ResizePolicy policy) throws Exception {
        float[] actual = tensor(2, policy, 2, 2,
                pack(255, 0, 0), pack(0, 255, 0),
                pack(0, 0, 255), pack(255, 255, 255));
        float[] expected = {
                2.2489083f, -2.1179039f, -2.1179039f, 2.2489083f,   // R plane, row-major
                -2.0357143f, 2.4285714f, -2.0357143f, 2.4285714f,   // G plane
                -1.8044444f, -1.8044444f, 2.64f, 2.64f,             // B plane
        };
        assertArrayEquals(expected, actual, TOLERANCE);
    }

    /**
     * 4x4 shrunk to 2x2 (scale 2): the triangle's support widens to 2 input pixels. Output 0 is
     * centred at 1.0 and reads inputs 0..2 with weights tri((x - 1 + 0.5) / 2) = 0.75, 0.75, 0.25,
     * normalised by 1.75 to 3/7, 3/7, 1/7; output 1 (centre 3.0) reads inputs 1..3 with 1/7, 3/7, 3/7.
     * R varies along x as 0, 70, 140, 210: out0 = (3*0 + 3*70 + 140) / 7 = 50, out1 = (70 + 3*140 + 3*210) / 7 = 160.
     * G varies along y the same way, B is 255 everywhere.
     * R 50 -> (0.1960784 - 0.485) / 0.229 = -1.2616662, R 160 -> (0.6274510 - 0.485) / 0.229 = 0.6220567,
     * G 50 -> (0.1960784 - 0.456) / 0.224 = -1.1603641, G 160 -> 0.7654062, B 255 -> 2.64.
     */
    @Test
    void fourByFourShrinksWithTheWidenedTriangle() throws Exception {
        int[] pixels = new int[16];
        int[] ramp = {0, 70, 140, 210};
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                pixels[y * 4 + x] = pack(ramp[x], ramp[y], 255);
            }
        }
        float[] actual = tensor(2, ResizePolicy.RESIZE_SHORTER_THEN_CENTER_CROP, 4, 4, pixels);
        float[] expected = {
                -1.2616662f, 0.6220567f, -1.2616662f, 0.6220567f,
                -1.1603641f, -1.1603641f, 0.7654062f, 0.7654062f,
                2.64f, 2.64f, 2.64f, 2.64f,
        };
        assertArrayEquals(expected, actual, TOLERANCE);
    }

    /**
     * The same 4x4 under center-crop keeps native pixels: the 2x2 window starts at ((4-2)/2, (4-2)/2)
     * = (1, 1), so R is 70, 140 per row and G is 70 then 140 per column.
     * R 70 -> -0.9191712, R 140 -> 0.2795616, G 70 -> -0.8102241, G 140 -> 0.4152661.
     */
    @Test
    void fourByFourCenterCropKeepsNativePixels() throws Exception {
        int[] pixels = new int[16];
        int[] ramp = {0, 70, 140, 210};
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                pixels[y * 4 + x] = pack(ramp[x], ramp[y], 255);
            }
        }
        float[] actual = tensor(2, ResizePolicy.CENTER_CROP, 4, 4, pixels);
        float[] expected = {
                -0.9191712f, 0.2795616f, -0.9191712f, 0.2795616f,
                -0.8102241f, -0.8102241f, 0.4152661f, 0.4152661f,
                2.64f, 2.64f, 2.64f, 2.64f,
        };
        assertArrayEquals(expected, actual, TOLERANCE);
    }

    /**
     * 2x2 enlarged to 3x3 (both policies: the shorter side 2 is below the size 3). Enlarging uses the
     * plain triangle (support 1, scale 2/3): output 0 is centred at 1/3 and only input 0 is in reach;
     * output 1 is centred at 1.0, between inputs 0 and 1 with weights tri(-0.5) = tri(0.5) = 0.5;
     * output 2 is centred at 5/3 and reads only input 1. So one axis maps (a, b) to (a, (a+b)/2, b).
     * R along x: 10, 250 -> 10, 130, 250. G along y: 20, 100 -> 20, 60, 100.
     * B per pixel (0, 200 / 100, 40): rows become (0, 100, 200), (100, 70, 40), and the middle row
     * is their mean (50, 85, 120).
     */
    @ParameterizedTest
    @EnumSource(ResizePolicy.class)
    void twoByTwoEnlargesBilinearly(ResizePolicy policy) throws Exception {
        float[] actual = tensor(3, policy, 2, 2,
                pack(10, 20, 0), pack(250, 20, 200),
                pack(10, 100, 100), pack(250, 100, 40));
        float[] expected = planes(0,
                new double[] {10, 130, 250, 10, 130, 250, 10, 130, 250},
                new double[] {20, 20, 20, 60, 60, 60, 100, 100, 100},
                new double[] {0, 100, 200, 50, 85, 120, 100, 70, 40});
        assertArrayEquals(expected, actual, TOLERANCE);
    }

    /**
     * 6x3 to size 2 by resize-shorter: height 3 -> 2 (scale 1.5), width 6 -> 6*2/3 = 4, then the
     * window x = 1..2 of those 4 columns ((4-2)/2 = 1). Support widens to 1.5.
     * Column 1 is centred at 1.5 * 1.5 = 2.25 and reads inputs 1..3: tri((x - 2.25 + 0.5) / 1.5) =
     * 0.5, 0.8333, 0.1667, normalised by 1.5 to 3/9, 5/9, 1/9. Column 2 (centre 3.75) reads 2..4 with
     * 1/9, 5/9, 3/9. R along x is 0, 36, 72, 108, 144, 180: (3*36 + 5*72 + 108) / 9 = 64 and
     * (72 + 5*108 + 3*144) / 9 = 116.
     * Row 0 is centred at 0.75 and reads inputs 0..1: tri(-0.1667) = 0.8333, tri(0.5) = 0.5, normalised
     * to 0.625, 0.375; row 1 (centre 2.25) reads 1..2 with 0.375, 0.625. G along y is 0, 80, 160:
     * 0.375 * 80 = 30 and 0.375 * 80 + 0.625 * 160 = 130. B is 100 everywhere.
     */
    @Test
    void wideImageIsScaledThenCroppedFromTheMiddle() throws Exception {
        int[] pixels = new int[18];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 6; x++) {
                pixels[y * 6 + x] = pack(36 * x, 80 * y, 100);
            }
        }
        float[] actual = tensor(2, ResizePolicy.RESIZE_SHORTER_THEN_CENTER_CROP, 6, 3, pixels);
        float[] expected = planes(0,
                new double[] {64, 116, 64, 116},
                new double[] {30, 30, 130, 130},
                new double[] {100, 100, 100, 100});
        assertArrayEquals(expected, actual, TOLERANCE);
    }

    /** 5x3 center-cropped to 2: margins 3 and 1 are odd, and the window starts at floor(m / 2) = (1, 0). */
    @Test
    void oddMarginsPutTheExtraPixelAfterTheCrop() throws Exception {
        int[] pixels = new int[15];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                pixels[y * 5 + x] = pack(10 * x + 100 * y, 0, 0);
            }
        }
        float[] actual = tensor(2, ResizePolicy.CENTER_CROP, 5, 3, pixels);
        float[] expected = planes(0,
                new double[] {10, 20, 110, 120},
                new double[] {0, 0, 0, 0},
                new double[] {0, 0, 0, 0});
        assertArrayEquals(expected, actual, TOLERANCE);
    }
}
