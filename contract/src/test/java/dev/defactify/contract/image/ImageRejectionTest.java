package dev.defactify.contract.image;

import dev.defactify.contract.image.ImageRejection.TooManyBytes;
import dev.defactify.contract.image.ImageRejection.TooManyPixels;
import dev.defactify.contract.image.ImageRejection.Undecodable;
import dev.defactify.contract.image.ImageRejection.UnsupportedFormat;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageRejectionTest {
    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());

    private static BufferedImage noise(int width, int height, long seed) {
        Random random = new Random(seed);
        int[] pixels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(1 << 24);
        }
        return TestImages.rgb(width, height, pixels);
    }

    private ImageRejection rejectionOf(byte[] encoded) {
        return assertThrows(ImageRejectedException.class, () -> decoder.decode(encoded)).rejection();
    }

    @Test
    void emptyInputIsUnsupported() {
        UnsupportedFormat rejection = assertInstanceOf(UnsupportedFormat.class, rejectionOf(new byte[0]));
        assertTrue(rejection.message().contains("empty"), rejection.message());
    }

    @Test
    void randomBytesAreUnsupported() {
        byte[] garbage = new byte[1000];
        new Random(1).nextBytes(garbage);
        garbage[0] = 0x12; // keep it clear of every signature
        ImageRejection rejection = rejectionOf(garbage);
        assertInstanceOf(UnsupportedFormat.class, rejection);
        assertTrue(rejection.message().contains("12"), rejection.message());
    }

    @Test
    void textIsUnsupportedEvenIfItMentionsAnImage() {
        assertInstanceOf(UnsupportedFormat.class, rejectionOf("<svg>image.png</svg>".getBytes()));
    }

    /**
     * A client reads the detail: it must name the fault of its file, not our readers. Details once read
     * "IIOException: No SOF segment in stream" or "EOFException", and could echo raw bytes of the input.
     */
    static void assertInApiWords(ImageRejection rejection) {
        String message = rejection.message();
        for (String leak : new String[] {"Exception", "IIO", "java.", "javax.", "ImageIO", "TwelveMonkeys", "Huffman:", "'", "\\u", "!"}) {
            assertFalse(message.contains(leak), "\"" + leak + "\" in " + message);
        }
        assertTrue(message.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "printable ASCII only: " + message);
    }

    @Test
    void truncatedPngIsUndecodableAndSaysSo() {
        byte[] png = TestImages.encode(noise(64, 64, 2), "png");
        Undecodable rejection = assertInstanceOf(Undecodable.class, rejectionOf(Arrays.copyOf(png, png.length / 2)));
        assertEquals(ImageFormat.PNG, rejection.format());
        assertEquals("the png image could not be decoded: truncated: the data ends before the image does",
                rejection.message());
    }

    @Test
    void aJpegWithoutAFrameHeaderIsDescribedAsSuch() {
        byte[] jpeg = TestImages.encode(noise(32, 32, 8), "jpeg");
        Undecodable rejection = assertInstanceOf(Undecodable.class, rejectionOf(withoutSegment(jpeg, 0xC0)));
        assertTrue(rejection.message().contains("no frame header"), rejection.message());
        assertInApiWords(rejection);
    }

    @Test
    void aJpegWithoutQuantizationTablesIsDescribedAsSuch() {
        byte[] jpeg = TestImages.encode(noise(32, 32, 9), "jpeg");
        byte[] stripped = jpeg;
        for (int i = 0; i < 4 && indexOfMarker(stripped, 0xDB) >= 0; i++) {
            stripped = withoutSegment(stripped, 0xDB);
        }
        Undecodable rejection = assertInstanceOf(Undecodable.class, rejectionOf(stripped));
        assertTrue(rejection.message().contains("Huffman or quantization tables"), rejection.message());
        assertInApiWords(rejection);
    }

    @Test
    void aWebpWithABrokenSignatureIsNotAWebpBitstream() {
        byte[] webp = TinyWebp.solid(4, 4, 1, 2, 3, 255, false);
        byte[] broken = webp.clone();
        broken[20] ^= 0x5A; // the VP8L signature byte, right after the 20 bytes of RIFF and chunk headers
        Undecodable rejection = assertInstanceOf(Undecodable.class, rejectionOf(broken));
        assertTrue(rejection.message().contains("not a WebP bitstream"), rejection.message());
        assertInApiWords(rejection);
    }

    @Test
    void aPngWithCorruptCompressedDataSaysSo() {
        byte[] png = TestImages.encode(noise(48, 48, 10), "png");
        int idat = indexOf(png, "IDAT".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] broken = png.clone();
        for (int i = idat + 6; i < idat + 40; i++) {
            broken[i] = (byte) 0xFF; // past the two zlib header bytes: invalid deflate block codes
        }
        Undecodable rejection = assertInstanceOf(Undecodable.class, rejectionOf(broken));
        assertTrue(rejection.message().contains("compressed image data is corrupt"), rejection.message());
        assertInApiWords(rejection);
    }

    /** The reader's own exception is kept for the log, so nothing is lost by not showing it to the client. */
    @Test
    void theTechnicalCauseStaysOnTheExceptionForTheLog() {
        byte[] jpeg = TestImages.encode(noise(32, 32, 8), "jpeg");
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> decoder.decode(withoutSegment(jpeg, 0xC0)));
        assertNotNull(e.getCause());
    }

    private static int indexOfMarker(byte[] jpeg, int marker) {
        for (int i = 2; i + 3 < jpeg.length; ) {
            if ((jpeg[i] & 0xFF) != 0xFF) {
                return -1;
            }
            int code = jpeg[i + 1] & 0xFF;
            if (code == marker) {
                return i;
            }
            if (code == 0xDA) {
                return -1;
            }
            i += 2 + (((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF));
        }
        return -1;
    }

    private static byte[] withoutSegment(byte[] jpeg, int marker) {
        int at = indexOfMarker(jpeg, marker);
        assertTrue(at > 0, "the test JPEG has the segment");
        int length = 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
        byte[] out = new byte[jpeg.length - length];
        System.arraycopy(jpeg, 0, out, 0, at);
        System.arraycopy(jpeg, at + length, out, at, jpeg.length - at - length);
        return out;
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    /** The JPEG readers only warn on truncation and paint the missing part grey; we refuse instead. */
    @Test
    void truncatedJpegIsUndecodable() {
        byte[] jpeg = TestImages.encode(noise(64, 64, 3), "jpeg");
        Undecodable rejection = assertInstanceOf(Undecodable.class, rejectionOf(Arrays.copyOf(jpeg, jpeg.length / 2)));
        assertTrue(rejection.message().contains("truncated"), rejection.message());
    }

    @Test
    void jpegHeaderAloneIsUndecodable() {
        assertInstanceOf(Undecodable.class, rejectionOf(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}));
    }

    @Test
    void truncatedWebpIsUndecodable() {
        byte[] webp = TinyWebp.solid(4, 4, 1, 2, 3, 255, false);
        assertInstanceOf(Undecodable.class, rejectionOf(Arrays.copyOf(webp, 22)));
    }

    /**
     * Found by the fuzz test below: with this corrupt VP8L stream the WebP reader looped on its own
     * caught EOFExceptions for two minutes. The bounded input stream now stops it almost at once.
     */
    @Test
    void webpThatReadsForeverPastItsEndIsUndecodable() {
        byte[] spinning = java.util.HexFormat.of().parseHex(
                "524946461ac9001d574542505650384c0d0000002f048000000c42137ad0ff400000");
        ImageRejection rejection = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> rejectionOf(spinning));
        assertInstanceOf(Undecodable.class, rejection);
        assertTrue(rejection.message().contains("truncated"), rejection.message());
    }

    @Test
    void tooManyBytesIsRefusedBeforeLookingAtThem() {
        ImageDecoder strict = new ImageDecoder(new ImageLimits(100, 1_000_000));
        ImageRejection rejection = assertThrows(ImageRejectedException.class, () -> strict.decode(new byte[101])).rejection();
        assertEquals(new TooManyBytes(101, 100), rejection);
        assertEquals("image is 101 bytes; the limit is 100 bytes", rejection.message());
    }

    /** 33 bytes claiming 10^10 pixels: refused from the header, without allocating a pixel buffer. */
    @Test
    void decompressionBombIsRefusedFromTheHeader() {
        byte[] bomb = TestImages.pngHeaderOnly(100_000, 100_000);
        ImageRejection rejection = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> rejectionOf(bomb));
        assertEquals(new TooManyPixels(100_000, 100_000, ImageLimits.DEFAULT_MAX_PIXELS), rejection);
        assertTrue(rejection.message().contains("100000x100000"), rejection.message());
    }

    @Test
    void probeReportsHeaderWithoutDecoding() throws Exception {
        ImageHeader header = new ImageProbe(new ImageLimits(1000, Long.MAX_VALUE)).probe(TestImages.pngHeaderOnly(100_000, 7));
        assertEquals(new ImageHeader(ImageFormat.PNG, 100_000, 7), header);
    }

    @Test
    void probeEnforcesThePixelLimit() {
        ImageProbe probe = new ImageProbe(new ImageLimits(1000, 99));
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> probe.probe(TestImages.pngHeaderOnly(10, 10)));
        assertEquals(new TooManyPixels(10, 10, 99), e.rejection());
    }

    @Test
    void probeReadsEveryFormat() throws Exception {
        ImageProbe probe = new ImageProbe(ImageLimits.defaults());
        BufferedImage image = noise(7, 5, 4);
        assertEquals(new ImageHeader(ImageFormat.JPEG, 7, 5), probe.probe(TestImages.encode(image, "jpeg")));
        assertEquals(new ImageHeader(ImageFormat.PNG, 7, 5), probe.probe(TestImages.encode(image, "png")));
        assertEquals(new ImageHeader(ImageFormat.BMP, 7, 5), probe.probe(TestImages.encode(image, "bmp")));
        assertEquals(new ImageHeader(ImageFormat.GIF, 7, 5), probe.probe(TestImages.encode(image, "gif")));
        assertEquals(new ImageHeader(ImageFormat.WEBP, 7, 5), probe.probe(TinyWebp.solid(7, 5, 0, 0, 0, 255, false)));
    }

    /**
     * Flip random bytes of valid files thousands of times: every outcome must be a decoded image or an
     * ImageRejectedException, never a reader's IOException, RuntimeException or NullPointerException.
     * The pixel limit is tight because a flipped header byte often claims millions of pixels, and
     * decoding those for real would make the test slow without testing anything more.
     */
    @Test
    void corruptedFilesOnlyEverFailAsRejections() {
        ImageDecoder decoder = new ImageDecoder(new ImageLimits(1 << 20, 100_000));
        BufferedImage image = noise(24, 16, 5);
        byte[][] originals = {
                TestImages.encode(image, "png"), TestImages.encode(image, "jpeg"), TestImages.encode(image, "bmp"),
                TestImages.encode(image, "gif"), TinyWebp.solid(5, 3, 9, 8, 7, 255, false),
        };
        Random random = new Random(11);
        for (byte[] original : originals) {
            for (int trial = 0; trial < 400; trial++) {
                byte[] corrupt = original.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
                }
                if (random.nextBoolean()) {
                    corrupt = Arrays.copyOf(corrupt, 1 + random.nextInt(corrupt.length));
                }
                try {
                    DecodedImage decoded = decoder.decode(corrupt);
                    assertEquals((long) decoded.width() * decoded.height(), decoded.rgb().length);
                } catch (ImageRejectedException expected) {
                    assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
                    if (!(expected.rejection() instanceof UnsupportedFormat)) {
                        assertInApiWords(expected.rejection()); // the hex of unknown leading bytes is ours
                    }
                }

            }
        }
    }

    @Test
    void sniffingIgnoresClaimsAndReadsMagicBytes() {
        assertEquals(ImageFormat.PNG, ImageFormat.sniff(TestImages.pngHeaderOnly(1, 1)).orElseThrow());
        assertTrue(ImageFormat.sniff("BM but not a bitmap at all".getBytes()).isEmpty());
        assertTrue(ImageFormat.sniff("RIFF\0\0\0\0WAVEfmt ".getBytes()).isEmpty());
        assertEquals(ImageFormat.WEBP, ImageFormat.sniff("RIFF\0\0\0\0WEBPVP8L".getBytes()).orElseThrow());
        assertEquals(ImageFormat.GIF, ImageFormat.sniff("GIF89a".getBytes()).orElseThrow());
    }
}
