package dev.defactify.function.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class HeatmapOverlayTest {
    private static final int SIZE = 112;
    private static final int GREY = 0x808080;

    /** A 7x7 map that is confident "AI" only in its top-right cell and leans "real" everywhere else. */
    private static ActivationMap hotTopRight() {
        BinaryHead head = new BinaryHead(new float[] {3f, -1f}, -2f);
        return ActivationMap.compute(Features.hotCell(2, 7, 7, 0, 6, 2f), head);
    }

    private static RgbCrop grey() {
        int[] pixels = new int[SIZE * SIZE];
        Arrays.fill(pixels, GREY);
        return RgbCrop.ofPixels(SIZE, pixels);
    }

    private static BufferedImage decode(String base64) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }

    @Test
    void pngDecodesAtTheCropSize() throws IOException {
        BufferedImage png = decode(new HeatmapOverlay().pngBase64(hotTopRight(), grey()));

        assertNotNull(png);
        assertEquals(SIZE, png.getWidth());
        assertEquals(SIZE, png.getHeight());
    }

    @Test
    void theHotCellIsHotAndWarmWhereItLiesAndTheRestIsDarkAndCool() throws IOException {
        BufferedImage png = decode(new HeatmapOverlay().pngBase64(hotTopRight(), grey()));
        int hot = png.getRGB(SIZE - 4, 3) & 0xFFFFFF;
        int cold = png.getRGB(3, SIZE - 4) & 0xFFFFFF;

        assertTrue(ColorMapTest.luminance(hot) > ColorMapTest.luminance(cold) + 60,
                "hot " + Integer.toHexString(hot) + " vs cold " + Integer.toHexString(cold));
        assertTrue((hot >> 16 & 0xFF) > (hot & 0xFF), "hot corner should be warm: " + Integer.toHexString(hot));
        assertTrue((cold & 0xFF) > (cold >> 16 & 0xFF), "cold corner should be cool: " + Integer.toHexString(cold));
        // Darker than the grey photo below it: the "real" regions are dimmed, not tinted hot.
        assertTrue(ColorMapTest.luminance(cold) < ColorMapTest.luminance(GREY));

        // The brightest pixel of the whole overlay lies inside the top-right cell.
        int cell = SIZE / 7;
        int brightestX = 0;
        int brightestY = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                if (ColorMapTest.luminance(png.getRGB(x, y)) > ColorMapTest.luminance(png.getRGB(brightestX, brightestY))) {
                    brightestX = x;
                    brightestY = y;
                }
            }
        }
        assertTrue(brightestX >= SIZE - cell && brightestY < cell, "brightest at " + brightestX + "," + brightestY);
    }

    @Test
    void heatIsInterpolatedSmoothlyBetweenCellCentres() {
        BufferedImage image = new HeatmapOverlay(1.0).render(hotTopRight(), grey());
        int row = 3;
        double previous = Double.MAX_VALUE;
        // Moving left from the hot cell's centre the heat falls off without steps back up.
        for (int x = SIZE - 8; x >= 0; x--) {
            double current = ColorMapTest.luminance(image.getRGB(x, row));
            assertTrue(current <= previous + 1e-9, "heat rose again at x=" + x);
            previous = current;
        }
    }

    @Test
    void alphaZeroLeavesThePhotoAndAlphaOneShowsOnlyTheMap() {
        int[] pixels = new int[SIZE * SIZE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (int) (i * 2654435761L & 0xFFFFFF); // scrambled colours, so misplaced pixels would show
        }
        RgbCrop photo = RgbCrop.ofPixels(SIZE, pixels);

        BufferedImage none = new HeatmapOverlay(0.0).render(hotTopRight(), photo);
        BufferedImage full = new HeatmapOverlay(1.0).render(hotTopRight(), photo);

        for (int y = 0; y < SIZE; y += 5) {
            for (int x = 0; x < SIZE; x += 5) {
                assertEquals(photo.rgb(x, y), none.getRGB(x, y) & 0xFFFFFF);
            }
        }
        // A corner pixel is clamped to its cell's value, so it shows that cell's colour exactly.
        assertEquals(ColorMap.rgb(hotTopRight().probability(0, 6)), full.getRGB(SIZE - 1, 0) & 0xFFFFFF);
        assertEquals(ColorMap.rgb(hotTopRight().probability(6, 0)), full.getRGB(0, SIZE - 1) & 0xFFFFFF);
    }

    @Test
    void rejectsAlphaOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> new HeatmapOverlay(1.5));
        assertThrows(IllegalArgumentException.class, () -> new HeatmapOverlay(Double.NaN));
    }
}
