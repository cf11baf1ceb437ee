package dev.defactify.contract.image;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Builds and encodes small images for tests, so every fixture is visible in the test source. */
final class TestImages {

    private TestImages() {
    }

    /** A TYPE_INT_RGB image from packed 0xRRGGBB pixels, row-major. */
    static BufferedImage rgb(int width, int height, int... pixels) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, pixels, 0, width);
        return image;
    }

    static int pack(int r, int g, int b) {
        return r << 16 | g << 8 | b;
    }

    static byte[] encode(RenderedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer for " + image);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Encodes a bare raster (no colour model): how the JPEG writer is asked for four-channel CMYK. */
    static byte[] encodeRaster(WritableRaster raster, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(raster, null, null), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Inserts a marker segment right after SOI. */
    static byte[] insertJpegSegment(byte[] jpeg, int marker, byte[] payload) {
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + payload.length);
        out.put(jpeg, 0, 2);
        out.put((byte) 0xFF).put((byte) marker).putShort((short) (payload.length + 2)).put(payload);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /**
     * An APP1 Exif payload whose IFD0 holds one entry, Orientation (0x0112, SHORT, count 1):
     * "Exif\0\0", TIFF header (byte order, 42, IFD0 at offset 8), entry count 1, the 12-byte entry,
     * next-IFD offset 0.
     */
    static byte[] exifOrientation(int orientation, boolean littleEndian) {
        ByteBuffer tiff = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4);
        tiff.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        tiff.order(littleEndian ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        tiff.put((byte) (littleEndian ? 'I' : 'M')).put((byte) (littleEndian ? 'I' : 'M'));
        tiff.putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1);
        tiff.putShort((short) orientation).putShort((short) 0); // value, left-aligned in 4 bytes
        tiff.putInt(0);
        return tiff.array();
    }

    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        return insertJpegSegment(jpeg, 0xE1, exifOrientation(orientation, false));
    }

    /** A PNG signature plus a valid IHDR (correct CRC) claiming the given size, and nothing else. */
    static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(4 + 13);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII));
        ihdr.putInt(width).putInt(height);
        ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0); // 8-bit RGB
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        return png.array();
    }
}
