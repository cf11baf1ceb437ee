package dev.defactify.contract.image;

import static org.bytedeco.leptonica.global.leptonica.L_SEVERITY_NONE;
import static org.bytedeco.leptonica.global.leptonica.pixConvertTo32;
import static org.bytedeco.leptonica.global.leptonica.pixDestroy;
import static org.bytedeco.leptonica.global.leptonica.pixGetData;
import static org.bytedeco.leptonica.global.leptonica.pixGetDepth;
import static org.bytedeco.leptonica.global.leptonica.pixGetHeight;
import static org.bytedeco.leptonica.global.leptonica.pixGetWidth;
import static org.bytedeco.leptonica.global.leptonica.pixGetWpl;
import static org.bytedeco.leptonica.global.leptonica.pixReadMemJpeg;
import static org.bytedeco.leptonica.global.leptonica.setMsgSeverity;

import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.leptonica.PIX;

/**
 * JPEG decoding with libjpeg-turbo 3 (SIMD), as linked into Leptonica's JavaCPP build for Linux x86-64 and aarch64 —
 * the one Maven Central artifact found that bundles libjpeg-turbo's natives with a Java API. What it gives that the
 * JDK's decoder cannot: scaling in the DCT domain (1/2, 1/4, 1/8: the inverse transform computes only the low
 * frequencies, so a 12-Mpx photo is never materialised at full size) and a faster full decode.
 *
 * <p>Where the natives cannot load (another OS or CPU) {@link #available()} is false and callers use ImageIO.
 */
final class TurboJpeg {
    /** JavaCPP's reductions: libjpeg's scale_denom 1, 2, 4, 8. */
    static final int MAX_REDUCTION = 8;

    /** The pixels of one decode: {@code width x height} packed {@code 0xRRGGBB}, row-major. */
    record Pixels(int width, int height, int[] rgb) { }

    /** A rectangle of the decoded image, in its stored orientation. */
    record Region(int x, int y, int width, int height) { }

    private TurboJpeg() {
    }

    /** Loaded once per JVM: a native library is process-wide whatever Java thinks of it. */
    private static final class Library {
        static final Optional<String> FAILURE = load();

        private static Optional<String> load() {
            // JavaCPP unpacks natives under ~/.javacpp by default; on Lambda only /tmp is writable.
            if (System.getProperty("org.bytedeco.javacpp.cachedir") == null) {
                System.setProperty("org.bytedeco.javacpp.cachedir",
                        Path.of(System.getProperty("java.io.tmpdir"), "defactify-javacpp").toString());
            }
            try {
                Loader.load(org.bytedeco.leptonica.global.leptonica.class);
                // Leptonica reports a refused file on stderr too; the caller reports it, once, in its own words.
                setMsgSeverity(L_SEVERITY_NONE);
                return Optional.empty();
            } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
                return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    static boolean available() {
        return Library.FAILURE.isEmpty();
    }

    /** Why the natives did not load; empty when they did. */
    static Optional<String> unavailableBecause() {
        return Library.FAILURE;
    }

    /**
     * The largest libjpeg reduction (1, 2, 4 or 8) not above {@code factor}: DCT scaling only divides by powers of two.
     */
    static int reductionFor(int factor) {
        int reduction = 1;
        while (reduction * 2 <= Math.min(factor, MAX_REDUCTION)) {
            reduction *= 2;
        }
        return reduction;
    }

    /**
     * Decodes at {@code 1/reduction} of the stored size (each side rounded up, as libjpeg does).
     *
     * @return empty when libjpeg-turbo refuses the data (corrupt, unsupported), for the caller to try ImageIO
     */
    static Optional<Pixels> decode(byte[] jpeg, int reduction) {
        return decode(jpeg, reduction, null);
    }

    /**
     * @param region the part of the decoded image to copy out, or null for all of it; libjpeg-turbo still decodes
     *               every row (Leptonica binds no cropped decode), but only the region crosses into Java
     */
    static Optional<Pixels> decode(byte[] jpeg, int reduction, Region region) {
        if (!available()) {
            return Optional.empty();
        }
        PIX pix = pixReadMemJpeg(jpeg, jpeg.length, 0, reduction, new int[1], 0);
        if (pix == null) {
            return Optional.empty();
        }
        try {
            if (pixGetDepth(pix) != 32) {
                // grey (8 bpp) files: let Leptonica widen them rather than unpack its byte order here
                PIX rgb = pixConvertTo32(pix);
                pixDestroy(pix);
                pix = rgb;
                if (pix == null) {
                    return Optional.empty();
                }
            }
            int fullWidth = pixGetWidth(pix);
            int fullHeight = pixGetHeight(pix);
            Region copied = region != null && region.x() >= 0 && region.y() >= 0
                    && region.x() + region.width() <= fullWidth && region.y() + region.height() <= fullHeight
                    ? region : new Region(0, 0, fullWidth, fullHeight);
            int width = copied.width();
            int height = copied.height();
            int wordsPerLine = pixGetWpl(pix);
            int[] rgb = new int[Math.multiplyExact(width, height)];
            IntPointer data = pixGetData(pix);
            for (int y = 0; y < height; y++) {
                data.position((long) (copied.y() + y) * wordsPerLine + copied.x()).get(rgb, y * width, width);
            }
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] >>>= 8; // Leptonica's words are 0xRRGGBBAA
            }
            return Optional.of(new Pixels(width, height, rgb));
        } finally {
            pixDestroy(pix);
        }
    }
}
