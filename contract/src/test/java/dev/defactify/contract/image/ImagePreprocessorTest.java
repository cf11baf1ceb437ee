package dev.defactify.contract.image;

import dev.defactify.contract.util.Sha256;
import org.junit.jupiter.api.Test;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Random;

import static dev.defactify.contract.image.TestImages.pack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImagePreprocessorTest {

    private static int[] noisePixels(int count, long seed) {
        Random random = new Random(seed);
        int[] pixels = new int[count];
        for (int i = 0; i < count; i++) {
            pixels[i] = random.nextInt(1 << 24);
        }
        return pixels;
    }

    /** Back from the tensor to 0..255 for the red channel. */
    private static double redValue(float normalised) {
        return (normalised * 0.229 + 0.485) * 255;
    }

    /**
     * A 1-pixel black/white checkerboard shrunk 3x must come out grey. The widened triangle (support 3)
     * averages 6x6 input pixels per output; nearest-neighbour, or a bilinear filter that does not
     * widen, lands on the single pixel at each output's centre (3i + 1) and gives pure black or white.
     * Along one axis the weights are 1/9, 2/9, 3/9, 2/9, 1/9 (inputs 3i-1..3i+3), so one colour gets
     * 5/9 and the other 4/9; in 2D a colour gets (5/9)^2 + (4/9)^2 = 41/81 of 255 = 129.07, or 125.93.
     */
    @Test
    void shrinkingAntialiasesACheckerboardToGrey() {
        int[] pixels = new int[48 * 48];
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 48; x++) {
                pixels[y * 48 + x] = (x + y) % 2 == 0 ? 0 : 0xFFFFFF;
            }
        }
        ImagePreprocessor preprocessor = new ImagePreprocessor(
                InputSpec.imagenet(16, ResizePolicy.RESIZE_SHORTER_THEN_CENTER_CROP), ImageLimits.defaults());
        float[] tensor = preprocessor.toTensor(DecodedImage.of(ImageFormat.PNG, 48, 48, pixels));
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                double red = redValue(tensor[y * 16 + x]);
                boolean interior = x > 0 && y > 0 && x < 15 && y < 15;
                if (interior) {
                    // the centre pixel (3x + 1, 3y + 1) has parity x + y: white, and the 41/81 share, when odd
                    double expected = (x + y) % 2 == 0 ? 255 * 40.0 / 81 : 255 * 41.0 / 81;
                    assertEquals(expected, red, 0.01, "at " + x + "," + y);
                } else {
                    // border windows are cut off by the edge and renormalised: still grey, less exactly
                    assertEquals(127.5, red, 30, "at " + x + "," + y);
                }
            }
        }
    }

    /** Center-crop of an image larger than the square copies native pixels, untouched by any filter. */
    @Test
    void centerCropOfALargeImageIsExactPixels() {
        int[] pixels = noisePixels(300 * 200, 3);
        ImagePreprocessor preprocessor = new ImagePreprocessor(
                InputSpec.imagenet(100, ResizePolicy.CENTER_CROP), ImageLimits.defaults());
        float[] tensor = preprocessor.toTensor(DecodedImage.of(ImageFormat.PNG, 300, 200, pixels));
        // window starts at ((300-100)/2, (200-100)/2) = (100, 50)
        for (int y = 0; y < 100; y += 7) {
            for (int x = 0; x < 100; x += 7) {
                int expectedRed = pixels[(50 + y) * 300 + 100 + x] >> 16 & 0xFF;
                assertEquals(expectedRed, redValue(tensor[y * 100 + x]), 1e-3);
            }
        }
    }

    @Test
    void sameBytesGiveBitIdenticalTensors() throws Exception {
        byte[] jpeg = TestImages.encode(TestImages.rgb(97, 61, noisePixels(97 * 61, 4)), "jpeg");
        InputSpec spec = InputSpec.imagenet(32, ResizePolicy.RESIZE_SHORTER_THEN_CENTER_CROP);
        PreparedImage first = new ImagePreprocessor(spec, ImageLimits.defaults()).prepare(jpeg);
        PreparedImage second = new ImagePreprocessor(spec, ImageLimits.defaults()).prepare(jpeg.clone());
        assertTrue(Arrays.equals(first.tensor(), second.tensor()), "tensors differ");
        assertEquals(first.sha256(), second.sha256());
    }

    @Test
    void preparedImageReportsUprightSizeFormatAndHash() throws Exception {
        byte[] png = TestImages.encode(TestImages.rgb(5, 9, noisePixels(45, 5)), "png");
        PreparedImage prepared = new ImagePreprocessor(InputSpec.imagenet(4, ResizePolicy.CENTER_CROP),
                ImageLimits.defaults()).prepare(png);
        assertEquals(ImageFormat.PNG, prepared.format());
        assertEquals(5, prepared.width());
        assertEquals(9, prepared.height());
        assertEquals(Sha256.of(png), prepared.sha256());
        assertEquals(3 * 4 * 4, prepared.tensor().length);
    }

    @Test
    void preparedImageSizeIsAfterExifOrientation() throws Exception {
        byte[] jpeg = TestImages.encode(TestImages.rgb(40, 24, noisePixels(40 * 24, 6)), "jpeg");
        PreparedImage prepared = new ImagePreprocessor(InputSpec.imagenet(8, ResizePolicy.CENTER_CROP),
                ImageLimits.defaults()).prepare(TestImages.withExifOrientation(jpeg, 6));
        assertEquals(24, prepared.width());
        assertEquals(40, prepared.height());
    }

    @Test
    void writesIntoDirectAndHeapBuffersAtTheirPosition() {
        ImagePreprocessor preprocessor = new ImagePreprocessor(
                InputSpec.imagenet(6, ResizePolicy.RESIZE_SHORTER_THEN_CENTER_CROP), ImageLimits.defaults());
        DecodedImage image = DecodedImage.of(ImageFormat.PNG, 11, 7, noisePixels(77, 7));
        float[] expected = preprocessor.toTensor(image);
        int length = expected.length;

        FloatBuffer direct = ByteBuffer.allocateDirect((length + 10) * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        FloatBuffer heap = FloatBuffer.allocate(length + 10);
        for (FloatBuffer buffer : new FloatBuffer[] {direct, heap}) {
            buffer.position(5);
            preprocessor.writeTensor(image, buffer);
            assertEquals(5 + length, buffer.position());
            float[] written = new float[length];
            buffer.get(5, written);
            assertArrayEquals(expected, written);
            assertEquals(0f, buffer.get(4));
            assertEquals(0f, buffer.get(5 + length));
        }
    }

    @Test
    void refusesABufferTooSmallWithoutWriting() {
        ImagePreprocessor preprocessor = new ImagePreprocessor(
                InputSpec.imagenet(4, ResizePolicy.CENTER_CROP), ImageLimits.defaults());
        DecodedImage image = DecodedImage.of(ImageFormat.PNG, 4, 4, noisePixels(16, 8));
        FloatBuffer small = FloatBuffer.allocate(47);
        assertThrows(BufferOverflowException.class, () -> preprocessor.writeTensor(image, small));
        assertEquals(0, small.position());
        assertEquals(0f, small.get(0));
    }

    /** A 1-pixel-wide strip still yields a full square (enlarged along x, long axis cropped). */
    @Test
    void extremeAspectRatiosStillProduceASquare() {
        ImagePreprocessor preprocessor = new ImagePreprocessor(
                InputSpec.imagenet(8, ResizePolicy.RESIZE_SHORTER_THEN_CENTER_CROP), ImageLimits.defaults());
        int[] strip = new int[5000];
        Arrays.fill(strip, pack(255, 255, 255));
        float[] tensor = preprocessor.toTensor(DecodedImage.of(ImageFormat.PNG, 1, 5000, strip));
        for (int i = 0; i < 64; i++) {
            assertEquals(255, redValue(tensor[i]), 1e-3);
        }
    }
}
