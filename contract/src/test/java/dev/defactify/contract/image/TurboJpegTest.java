package dev.defactify.contract.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** libjpeg-turbo through the bundled natives: that they load, that it decodes what ImageIO decodes, and fallbacks. */
class TurboJpegTest {
    private static final List<JpegVariants.Variant> VARIANTS = JpegVariants.all(640, 480, 5);

    static List<JpegVariants.Variant> variants() {
        return VARIANTS;
    }

    @Test
    void theBundledNativesLoadOnLinux() {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        assumeTrue(os.equals("Linux") && (arch.equals("amd64") || arch.equals("aarch64")), os + " " + arch);
        assertTrue(TurboJpeg.available(), TurboJpeg.unavailableBecause().orElse(""));
        assertTrue(JpegBackend.LIBJPEG_TURBO.isNative());
        assertFalse(JpegBackend.IMAGEIO.isNative());
    }

    /** Both decoders implement the same IJG arithmetic (islow IDCT, fancy upsampling): within a level or two. */
    @ParameterizedTest
    @MethodSource("variants")
    void fullDecodesAgreeWithImageIo(JpegVariants.Variant variant) throws Exception {
        assumeTrue(TurboJpeg.available());
        DecodedImage turbo = decoder(JpegBackend.LIBJPEG_TURBO).decode(variant.jpeg());
        DecodedImage jdk = decoder(JpegBackend.IMAGEIO).decode(variant.jpeg());
        assertEquals(jdk.width(), turbo.width(), variant.name());
        assertEquals(jdk.height(), turbo.height(), variant.name());
        assertEquals(jdk.orientation(), turbo.orientation(), variant.name());
        int worst = 0;
        long sum = 0;
        for (int i = 0; i < jdk.rgb().length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                int diff = Math.abs((jdk.rgb()[i] >> shift & 0xFF) - (turbo.rgb()[i] >> shift & 0xFF));
                worst = Math.max(worst, diff);
                sum += diff;
            }
        }
        double mean = sum / (3.0 * jdk.rgb().length);
        assertTrue(mean < 0.5 && worst <= 8, variant.name() + ": mean " + mean + ", max " + worst);
    }

    @Test
    void cmykGoesToImageIoForItsColourConversion() throws Exception {
        byte[] cmyk = JpegVariants.cmyk(64, 48, 1);
        assertEquals(4, JpegSegments.componentCount(cmyk));
        assertArrayEquals(decoder(JpegBackend.IMAGEIO).decode(cmyk).rgb(),
                decoder(JpegBackend.LIBJPEG_TURBO).decode(cmyk).rgb());
    }

    @Test
    void theFrameHeaderGivesTheComponentCount() {
        assertEquals(3, JpegSegments.componentCount(VARIANTS.get(0).jpeg()));
        assertEquals(3, JpegSegments.componentCount(VARIANTS.get(2).jpeg())); // progressive: SOF2
        assertEquals(1, JpegSegments.componentCount(VARIANTS.get(4).jpeg()));
        assertEquals(0, JpegSegments.componentCount(new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0}));
    }

    /** Data libjpeg-turbo refuses (here: a corrupted scan) goes to ImageIO, which decides as it always did. */
    @Test
    void refusedDataFallsBackToImageIo() throws Exception {
        assumeTrue(TurboJpeg.available());
        byte[] jpeg = VARIANTS.get(0).jpeg().clone();
        int scan = JpegSegments.walk(jpeg, (marker, start, end) -> true);
        for (int i = scan + 40; i < scan + 400; i++) {
            jpeg[i] = (byte) 0xFF; // invalid Huffman codes and marker-like bytes
        }
        assertTrue(TurboJpeg.decode(jpeg, 1).isEmpty(), "libjpeg-turbo should refuse this scan");
        DecodedImage viaFallback = null;
        ImageRejectedException viaFallbackError = null;
        DecodedImage viaImageIo = null;
        ImageRejectedException viaImageIoError = null;
        try {
            viaFallback = decoder(JpegBackend.LIBJPEG_TURBO).decode(jpeg);
        } catch (ImageRejectedException e) {
            viaFallbackError = e;
        }
        try {
            viaImageIo = decoder(JpegBackend.IMAGEIO).decode(jpeg);
        } catch (ImageRejectedException e) {
            viaImageIoError = e;
        }
        if (viaImageIo != null) {
            assertArrayEquals(viaImageIo.rgb(), viaFallback.rgb());
        } else {
            assertEquals(viaImageIoError.rejection(), viaFallbackError.rejection());
        }
    }

    private static ImageDecoder decoder(JpegBackend backend) {
        return new ImagePreprocessor(InputSpec.imagenet(224, ResizePolicy.CENTER_CROP), ImageLimits.defaults(),
                backend).decoder();
    }
}
