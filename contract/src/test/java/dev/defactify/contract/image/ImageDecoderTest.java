package dev.defactify.contract.image;

import org.junit.jupiter.api.Test;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

import static dev.defactify.contract.image.TestImages.encode;
import static dev.defactify.contract.image.TestImages.pack;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());

    @Test
    void rgbPngDecodesToExactPixels() throws Exception {
        int[] pixels = {pack(255, 0, 0), pack(0, 255, 0), pack(0, 0, 255), pack(12, 34, 56), pack(0, 0, 0), pack(255, 255, 255)};
        DecodedImage image = decoder.decode(encode(TestImages.rgb(3, 2, pixels), "png"));
        assertEquals(ImageFormat.PNG, image.format());
        assertEquals(3, image.width());
        assertEquals(2, image.height());
        assertArrayEquals(pixels, image.rgb());
    }

    @Test
    void greyPngKeepsItsValuesInsteadOfGammaConverting() throws Exception {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {100, 7});
        DecodedImage image = decoder.decode(encode(grey, "png"));
        // getRGB would map linear grey 100 to roughly 170; the contract is plain replication.
        assertArrayEquals(new int[] {pack(100, 100, 100), pack(7, 7, 7)}, image.rgb());
    }

    @Test
    void sixteenBitRgbPngRoundsToEightBits() throws Exception {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(2, 1);
        // 257 * k is exactly k in 8 bits; 32896 * 255 / 65535 = 128.0019..., rounds to 128.
        raster.setPixel(0, 0, new int[] {65535, 257 * 100, 0});
        raster.setPixel(1, 0, new int[] {32896, 257, 65534});
        byte[] png = encode(new BufferedImage(model, raster, false, null), "png");
        assertEquals(16, png[24], "bit depth in IHDR");
        assertArrayEquals(new int[] {pack(255, 100, 0), pack(128, 1, 255)}, decoder.decode(png).rgb());
    }

    @Test
    void sixteenBitGreyPng() throws Exception {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {257 * 200, 65535});
        assertArrayEquals(new int[] {pack(200, 200, 200), pack(255, 255, 255)}, decoder.decode(encode(grey, "png")).rgb());
    }

    @Test
    void palettePngWithTransparencyFlattensOverWhite() throws Exception {
        byte[] reds = {(byte) 200, 0, 0, 10};
        byte[] greens = {10, (byte) 150, 0, 20};
        byte[] blues = {20, 0, 0, 30};
        byte[] alphas = {(byte) 255, (byte) 255, (byte) 128, 0};
        IndexColorModel palette = new IndexColorModel(8, 4, reds, greens, blues, alphas);
        BufferedImage indexed = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {0, 1, 2, 3});
        DecodedImage image = decoder.decode(encode(indexed, "png"));
        // Entry 2 is black at alpha 128: (0 * 128 + 255 * 127 + 127) / 255 = 127 (integer division).
        // Entry 3 is fully transparent: its colour (10, 20, 30) must not leak through.
        assertArrayEquals(new int[] {pack(200, 10, 20), pack(0, 150, 0), pack(127, 127, 127), pack(255, 255, 255)},
                image.rgb());
    }

    @Test
    void rgbaPngFlattensOverWhite() throws Exception {
        BufferedImage argb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 3, 1, new int[] {0x00FF0000, 0x800000FF, 0xFF102030}, 0, 3);
        DecodedImage image = decoder.decode(encode(argb, "png"));
        // Pixel 1, blue at alpha 128: r = g = (0 + 255 * 127 + 127) / 255 = 127, b = (255 * 128 + 255 * 127 + 127) / 255 = 255.
        assertArrayEquals(new int[] {pack(255, 255, 255), pack(127, 127, 255), pack(0x10, 0x20, 0x30)}, image.rgb());
    }

    @Test
    void greyWithAlphaPngFlattensOverWhite() throws Exception {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY),
                true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(2, 1);
        raster.setPixel(0, 0, new int[] {40, 255});
        raster.setPixel(1, 0, new int[] {40, 0});
        byte[] png = encode(new BufferedImage(model, raster, false, null), "png");
        assertEquals(4, png[25], "colour type grey+alpha in IHDR");
        assertArrayEquals(new int[] {pack(40, 40, 40), pack(255, 255, 255)}, decoder.decode(png).rgb());
    }

    /**
     * Six rows, not two: the JDK's GIF writer interlaces by default, and an interlaced GIF of height
     * 4 or less does not survive its own write/read round trip (rows after the first come back as 0).
     */
    @Test
    void gifFirstFrameDecodesExactly() throws Exception {
        byte[] reds = {(byte) 255, 0, 90};
        byte[] greens = {0, (byte) 255, 80};
        byte[] blues = {0, 0, 70};
        BufferedImage indexed = new BufferedImage(3, 6, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 3, reds, greens, blues));
        int[] indices = {0, 1, 2, 2, 1, 0, 1, 1, 1, 0, 0, 0, 2, 2, 2, 0, 2, 1};
        indexed.getRaster().setSamples(0, 0, 3, 6, 0, indices);
        DecodedImage image = decoder.decode(encode(indexed, "gif"));
        assertEquals(ImageFormat.GIF, image.format());
        int[] colours = {pack(255, 0, 0), pack(0, 255, 0), pack(90, 80, 70)};
        int[] expected = java.util.Arrays.stream(indices).map(i -> colours[i]).toArray();
        assertArrayEquals(expected, image.rgb());
    }

    @Test
    void bmpDecodesExactly() throws Exception {
        int[] pixels = {pack(1, 2, 3), pack(250, 128, 0), pack(0, 0, 0), pack(9, 99, 199)};
        DecodedImage image = decoder.decode(encode(TestImages.rgb(2, 2, pixels), "bmp"));
        assertEquals(ImageFormat.BMP, image.format());
        assertArrayEquals(pixels, image.rgb());
    }

    @Test
    void jpegDecodesCloseToItsSource() throws Exception {
        int[] pixels = new int[32 * 32];
        java.util.Arrays.fill(pixels, pack(200, 60, 30));
        DecodedImage image = decoder.decode(encode(TestImages.rgb(32, 32, pixels), "jpeg"));
        assertEquals(ImageFormat.JPEG, image.format());
        assertClose(pack(200, 60, 30), image.rgbAt(16, 16), 6);
    }

    @Test
    void greyJpegIsReplicatedToRgb() throws Exception {
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = grey.getRaster();
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                raster.setSample(x, y, 0, 90);
            }
        }
        DecodedImage image = decoder.decode(encode(grey, "jpeg"));
        assertClose(pack(90, 90, 90), image.rgbAt(8, 8), 2);
    }

    /**
     * A four-channel JPEG marked by an Adobe APP14 segment with transform 0 is CMYK, stored inverted
     * as Photoshop does (255 = no ink). Ink C=0 M=255 Y=255 K=0 is printer's red.
     */
    @Test
    void cmykJpegDecodesToSensibleRgb() throws Exception {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 32, 32, 4, null);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                raster.setPixel(x, y, new int[] {255, 0, 0, 255});
            }
        }
        byte[] plain = TestImages.encodeRaster(raster, "jpeg");
        // "Adobe", version 100, flags0 0, flags1 0, transform 0 (no colour transform: CMYK, not YCCK).
        byte[] adobe = {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        byte[] cmyk = TestImages.insertJpegSegment(plain, 0xEE, adobe);
        int pixel = decoder.decode(cmyk).rgbAt(16, 16);
        int r = pixel >> 16 & 0xFF;
        int g = pixel >> 8 & 0xFF;
        int b = pixel & 0xFF;
        assertTrue(r > 180 && g < 90 && b < 90, "expected a red, got " + Integer.toHexString(pixel));
    }

    @Test
    void losslessWebpDecodes() throws Exception {
        DecodedImage image = decoder.decode(TinyWebp.solid(3, 2, 200, 100, 50, 255, false));
        assertEquals(ImageFormat.WEBP, image.format());
        assertEquals(3, image.width());
        assertEquals(2, image.height());
        int[] expected = new int[6];
        java.util.Arrays.fill(expected, pack(200, 100, 50));
        assertArrayEquals(expected, image.rgb());
    }

    @Test
    void transparentWebpFlattensOverWhite() throws Exception {
        DecodedImage image = decoder.decode(TinyWebp.solid(2, 2, 10, 20, 30, 0, true));
        int[] expected = new int[4];
        java.util.Arrays.fill(expected, pack(255, 255, 255));
        assertArrayEquals(expected, image.rgb());
    }

    /** A sub-image shares its parent's byte array; unpacking must start at the child's origin. */
    @Test
    void interleavedBytesOfASubimageStartAtItsOrigin() {
        BufferedImage bgr = new BufferedImage(5, 4, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage abgr = new BufferedImage(5, 4, BufferedImage.TYPE_4BYTE_ABGR);
        int[] argb = new int[20];
        for (int i = 0; i < 20; i++) {
            argb[i] = (i % 3 == 0 ? 0xFF : 0x80) << 24 | pack(10 * i, 255 - 10 * i, 7 * i);
        }
        bgr.setRGB(0, 0, 5, 4, argb, 0, 5);
        abgr.setRGB(0, 0, 5, 4, argb, 0, 5);
        int[] expectedOpaque = new int[6];
        int[] expectedOverWhite = new int[6];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                int pixel = argb[(1 + y) * 5 + 2 + x];
                int a = pixel >>> 24;
                expectedOpaque[y * 3 + x] = pixel & 0xFFFFFF;
                expectedOverWhite[y * 3 + x] = pack(PixelUnpacker.overWhite(pixel >> 16 & 0xFF, a),
                        PixelUnpacker.overWhite(pixel >> 8 & 0xFF, a), PixelUnpacker.overWhite(pixel & 0xFF, a));
            }
        }
        assertArrayEquals(expectedOpaque, PixelUnpacker.toRgb(bgr.getSubimage(2, 1, 3, 2)));
        assertArrayEquals(expectedOverWhite, PixelUnpacker.toRgb(abgr.getSubimage(2, 1, 3, 2)));
    }

    static void assertClose(int expected, int actual, int tolerance) {
        for (int shift = 16; shift >= 0; shift -= 8) {
            int e = expected >> shift & 0xFF;
            int a = actual >> shift & 0xFF;
            assertTrue(Math.abs(e - a) <= tolerance, "expected ~" + Integer.toHexString(expected)
                    + " got " + Integer.toHexString(actual));
        }
    }
}
