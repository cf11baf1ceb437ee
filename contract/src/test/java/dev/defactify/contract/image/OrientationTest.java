package dev.defactify.contract.image;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class OrientationTest {
    /*
     * Stored 3x2 image, pixel value = its letter:
     *   a b c
     *   d e f
     * and the upright image each EXIF orientation describes (as Pillow's exif_transpose produces it).
     */
    private static final int[] STORED = {'a', 'b', 'c', 'd', 'e', 'f'};

    private static int[] expected(Orientation orientation) {
        return switch (orientation) {
            case NORMAL -> chars("abcdef");
            case MIRROR_HORIZONTAL -> chars("cbafed");
            case ROTATE_180 -> chars("fedcba");
            case MIRROR_VERTICAL -> chars("defabc");
            case TRANSPOSE -> chars("adbecf");                   // 2 wide: a d / b e / c f
            case ROTATE_90_CLOCKWISE -> chars("daebfc");         // d a / e b / f c
            case TRANSVERSE -> chars("fcebda");                  // f c / e b / d a
            case ROTATE_90_COUNTERCLOCKWISE -> chars("cfbead");  // c f / b e / a d
        };
    }

    @ParameterizedTest
    @EnumSource(Orientation.class)
    void turnsStoredPixelsUpright(Orientation orientation) {
        assertArrayEquals(expected(orientation), orientation.apply(STORED.clone(), 3, 2));
    }

    @ParameterizedTest
    @EnumSource(Orientation.class)
    void exifValuesMapBothWays(Orientation orientation) {
        assertEquals(orientation, Orientation.ofExif(orientation.exifValue()));
    }

    @org.junit.jupiter.api.Test
    void outOfRangeExifValuesMeanAsStored() {
        assertEquals(Orientation.NORMAL, Orientation.ofExif(0));
        assertEquals(Orientation.NORMAL, Orientation.ofExif(9));
        assertEquals(Orientation.NORMAL, Orientation.ofExif(65535));
    }

    private static int[] chars(String letters) {
        return letters.chars().toArray();
    }
}
