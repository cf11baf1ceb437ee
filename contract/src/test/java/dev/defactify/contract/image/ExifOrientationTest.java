package dev.defactify.contract.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static dev.defactify.contract.image.ImageDecoderTest.assertClose;
import static dev.defactify.contract.image.TestImages.pack;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ExifOrientationTest {
    private static final int RED = pack(255, 0, 0);
    private static final int GREEN = pack(0, 255, 0);
    private static final int BLUE = pack(0, 0, 255);
    private static final int WHITE = pack(255, 255, 255);

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());

    /** 64x32 JPEG with solid quadrants, large enough for JPEG to keep the colours: red green / blue white. */
    private static byte[] quadrantJpeg() {
        int[] pixels = new int[64 * 32];
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 64; x++) {
                pixels[y * 64 + x] = y < 16 ? (x < 32 ? RED : GREEN) : (x < 32 ? BLUE : WHITE);
            }
        }
        return TestImages.encode(TestImages.rgb(64, 32, pixels), "jpeg");
    }

    @Test
    void noExifMeansAsStored() throws Exception {
        DecodedImage image = decoder.decode(quadrantJpeg());
        assertQuadrants(image, 64, 32, RED, GREEN, BLUE, WHITE);
    }

    /** Orientation 6: the stored image is turned 90 degrees clockwise, so the left column becomes the top row. */
    @Test
    void orientationSixRotatesClockwise() throws Exception {
        DecodedImage image = decoder.decode(TestImages.withExifOrientation(quadrantJpeg(), 6));
        assertQuadrants(image, 32, 64, BLUE, RED, WHITE, GREEN);
        assertEquals(64, image.encodedWidth());
        assertEquals(32, image.encodedHeight());
    }

    @Test
    void orientationThreeRotatesHalfATurn() throws Exception {
        DecodedImage image = decoder.decode(TestImages.withExifOrientation(quadrantJpeg(), 3));
        assertQuadrants(image, 64, 32, WHITE, BLUE, GREEN, RED);
    }

    /** Orientation 8: turned 90 degrees counter-clockwise, so the right column becomes the top row. */
    @Test
    void orientationEightRotatesCounterClockwise() throws Exception {
        DecodedImage image = decoder.decode(TestImages.withExifOrientation(quadrantJpeg(), 8));
        assertQuadrants(image, 32, 64, GREEN, WHITE, RED, BLUE);
    }

    @ParameterizedTest
    @CsvSource({"1, NORMAL", "2, MIRROR_HORIZONTAL", "5, TRANSPOSE", "6, ROTATE_90_CLOCKWISE", "8, ROTATE_90_COUNTERCLOCKWISE"})
    void parsesBothByteOrders(int value, Orientation expected) {
        byte[] jpeg = quadrantJpeg();
        assertEquals(expected, ExifOrientation.of(TestImages.insertJpegSegment(jpeg, 0xE1, TestImages.exifOrientation(value, true))));
        assertEquals(expected, ExifOrientation.of(TestImages.insertJpegSegment(jpeg, 0xE1, TestImages.exifOrientation(value, false))));
    }

    @Test
    void nonExifApp1SegmentsAreSkipped() {
        byte[] xmp = "http://ns.adobe.com/xap/1.0/\0<x/>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] jpeg = TestImages.insertJpegSegment(TestImages.withExifOrientation(quadrantJpeg(), 6), 0xE1, xmp);
        assertEquals(Orientation.ROTATE_90_CLOCKWISE, ExifOrientation.of(jpeg));
    }

    /** Every offset in Exif comes from the file: corrupting them must never throw, only mean "as stored". */
    @Test
    void garbledExifNeverThrows() {
        byte[] exif = TestImages.exifOrientation(6, false);
        Random random = new Random(7);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] corrupt = exif.clone();
            corrupt[6 + random.nextInt(corrupt.length - 6)] = (byte) random.nextInt(256);
            byte[] jpeg = TestImages.insertJpegSegment(new byte[] {(byte) 0xFF, (byte) 0xD8}, 0xE1,
                    java.util.Arrays.copyOf(corrupt, random.nextInt(corrupt.length) + 1));
            ExifOrientation.of(jpeg);
        }
    }

    private static void assertQuadrants(DecodedImage image, int width, int height,
                                        int topLeft, int topRight, int bottomLeft, int bottomRight) {
        assertEquals(width, image.width(), "width");
        assertEquals(height, image.height(), "height");
        int left = width / 4;
        int right = 3 * width / 4;
        int top = height / 4;
        int bottom = 3 * height / 4;
        assertClose(topLeft, image.rgbAt(left, top), 40);
        assertClose(topRight, image.rgbAt(right, top), 40);
        assertClose(bottomLeft, image.rgbAt(left, bottom), 40);
        assertClose(bottomRight, image.rgbAt(right, bottom), 40);
    }
}
