package dev.defactify.contract.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import java.util.Iterator;
import java.util.Optional;

/**
 * Picks the ImageIO reader for a format by provider, not by registry order, so the same bytes decode
 * the same way whatever else sits on the classpath: TwelveMonkeys for JPEG (it handles CMYK/YCCK and
 * ICC profiles that the JDK reader refuses) and WebP, the JDK's own readers for PNG, GIF and BMP.
 */
final class ReaderChoice {
    private static final String TWELVE_MONKEYS = "com.twelvemonkeys.";
    private static final String JDK = "com.sun.imageio.";

    private ReaderChoice() {
    }

    static Optional<ImageReader> readerFor(ImageFormat format) {
        String preferred = switch (format) {
            case JPEG, WEBP -> TWELVE_MONKEYS;
            case PNG, GIF, BMP -> JDK;
        };
        ImageReader fallback = null;
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.slug());
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            if (reader.getClass().getName().startsWith(preferred)) {
                if (fallback != null) {
                    fallback.dispose();
                }
                return Optional.of(reader);
            }
            if (fallback == null) {
                fallback = reader;
            } else {
                reader.dispose();
            }
        }
        return Optional.ofNullable(fallback);
    }
}
