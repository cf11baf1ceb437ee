package dev.defactify.contract.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * Turns whatever a reader produced into packed {@code 0xRRGGBB} pixels, reading raw samples instead of
 * {@link BufferedImage#getRGB}: getRGB treats grey as linear and gamma-corrects it on the way to sRGB
 * (grey 100 would come out as about 170), and it goes through the colour model pixel by pixel.
 *
 * <p>Alpha is flattened onto opaque white. The colour stored under a transparent pixel is whatever
 * the encoder left there (often black, sometimes garbage), so ignoring alpha would make two images
 * that look identical produce different tensors; white is what a browser shows behind a cut-out.
 */
final class PixelUnpacker {
    private static final int WHITE = 255;

    private PixelUnpacker() {
    }

    static int[] toRgb(BufferedImage image) {
        ColorModel model = image.getColorModel();
        if (model instanceof IndexColorModel palette) {
            return fromPalette(image.getRaster(), palette);
        }
        if (model instanceof ComponentColorModel && !model.isAlphaPremultiplied() && hasPlainSamples(model)) {
            Raster raster = image.getRaster();
            if (isInterleavedBytes(raster, model)) {
                return fromInterleavedBytes(raster, model);
            }
            return fromComponents(raster, model);
        }
        return fromArgb(image);
    }

    /** sRGB or grey, with optional alpha, in integer samples we can rescale ourselves. */
    private static boolean hasPlainSamples(ColorModel model) {
        ColorSpace space = model.getColorSpace();
        int type = model.getTransferType();
        boolean integral = type == DataBuffer.TYPE_BYTE || type == DataBuffer.TYPE_USHORT;
        boolean grey = space.getType() == ColorSpace.TYPE_GRAY && space.getNumComponents() == 1;
        return integral && (space.isCS_sRGB() || grey);
    }

    /**
     * 8-bit samples interleaved in one byte array, as every JPEG decode and most PNGs arrive. Reading
     * the array directly gives the same values as {@link #fromComponents} at a fraction of the cost:
     * Raster.getPixels goes through the sample model once per sample.
     */
    private static boolean isInterleavedBytes(Raster raster, ColorModel model) {
        if (!(raster.getSampleModel() instanceof PixelInterleavedSampleModel)
                || !(raster.getDataBuffer() instanceof DataBufferByte bytes) || bytes.getNumBanks() != 1) {
            return false;
        }
        for (int size : model.getComponentSize()) {
            if (size != 8) {
                return false;
            }
        }
        return true;
    }

    private static int[] fromInterleavedBytes(Raster raster, ColorModel model) {
        PixelInterleavedSampleModel layout = (PixelInterleavedSampleModel) raster.getSampleModel();
        byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
        int width = raster.getWidth();
        int height = raster.getHeight();
        int bands = raster.getNumBands();
        boolean grey = model.getColorSpace().getNumComponents() == 1;
        boolean alpha = model.hasAlpha();
        int[] bandOffsets = layout.getBandOffsets();
        int red = bandOffsets[0];
        int green = grey ? red : bandOffsets[1];
        int blue = grey ? red : bandOffsets[2];
        int opacity = alpha ? bandOffsets[bands - 1] : 0;
        int pixelStride = layout.getPixelStride();
        int scanlineStride = layout.getScanlineStride();
        // A child raster starts somewhere inside its parent's array.
        int origin = raster.getDataBuffer().getOffset()
                + (raster.getMinY() - raster.getSampleModelTranslateY()) * scanlineStride
                + (raster.getMinX() - raster.getSampleModelTranslateX()) * pixelStride;
        int[] rgb = new int[width * height];
        for (int y = 0; y < height; y++) {
            int in = origin + y * scanlineStride;
            int out = y * width;
            for (int x = 0; x < width; x++, in += pixelStride) {
                int r = data[in + red] & 0xFF;
                int g = data[in + green] & 0xFF;
                int b = data[in + blue] & 0xFF;
                if (alpha) {
                    int a = data[in + opacity] & 0xFF;
                    r = overWhite(r, a);
                    g = overWhite(g, a);
                    b = overWhite(b, a);
                }
                rgb[out + x] = r << 16 | g << 8 | b;
            }
        }
        return rgb;
    }

    private static int[] fromComponents(Raster raster, ColorModel model) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int bands = raster.getNumBands();
        boolean grey = model.getColorSpace().getNumComponents() == 1;
        boolean alpha = model.hasAlpha();
        int colorBits = model.getComponentSize(0);
        int alphaBits = alpha ? model.getComponentSize(bands - 1) : 8;
        int[] samples = new int[width * bands];
        int[] rgb = new int[width * height];
        for (int y = 0; y < height; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, samples);
            int out = y * width;
            for (int x = 0, s = 0; x < width; x++, s += bands) {
                int r = to8Bits(samples[s], colorBits);
                int g = grey ? r : to8Bits(samples[s + 1], colorBits);
                int b = grey ? r : to8Bits(samples[s + 2], colorBits);
                if (alpha) {
                    int a = to8Bits(samples[s + bands - 1], alphaBits);
                    r = overWhite(r, a);
                    g = overWhite(g, a);
                    b = overWhite(b, a);
                }
                rgb[out + x] = r << 16 | g << 8 | b;
            }
        }
        return rgb;
    }

    private static int[] fromPalette(Raster raster, IndexColorModel palette) {
        int entries = palette.getMapSize();
        int[] flattened = new int[entries];
        for (int i = 0; i < entries; i++) {
            int a = palette.getAlpha(i);
            flattened[i] = overWhite(palette.getRed(i), a) << 16
                    | overWhite(palette.getGreen(i), a) << 8
                    | overWhite(palette.getBlue(i), a);
        }
        int width = raster.getWidth();
        int height = raster.getHeight();
        int[] indices = new int[width];
        int[] rgb = new int[width * height];
        for (int y = 0; y < height; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, width, 1, 0, indices);
            int out = y * width;
            for (int x = 0; x < width; x++) {
                int index = indices[x];
                // A corrupt file may index past a short palette; treat such pixels as the last entry.
                rgb[out + x] = flattened[index < entries ? index : entries - 1];
            }
        }
        return rgb;
    }

    /** Anything unusual (an ICC profile, premultiplied alpha, packed ints): let Java2D convert to sRGB. */
    private static int[] fromArgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < argb.length; i++) {
            int pixel = argb[i];
            int a = pixel >>> 24;
            argb[i] = overWhite(pixel >> 16 & 0xFF, a) << 16 | overWhite(pixel >> 8 & 0xFF, a) << 8
                    | overWhite(pixel & 0xFF, a);
        }
        return argb;
    }

    /** Rescales an n-bit sample to 0..255 with rounding: 16-bit 65535 becomes 255, 1-bit 1 becomes 255. */
    static int to8Bits(int sample, int bits) {
        if (bits == 8) {
            return sample;
        }
        long max = (1L << bits) - 1;
        return (int) ((sample * 255L + max / 2) / max);
    }

    /** {@code c * a + 255 * (1 - a)} in integers, rounded, so every platform flattens identically. */
    static int overWhite(int channel, int alpha) {
        if (alpha == 255) {
            return channel;
        }
        return (channel * alpha + WHITE * (255 - alpha) + 127) / 255;
    }
}
