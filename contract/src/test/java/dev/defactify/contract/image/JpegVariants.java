package dev.defactify.contract.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The kinds of JPEG files decoders differ on, written by the JDK's encoder: chroma 4:2:0 (its default) and 4:4:4,
 * baseline and progressive, grey, CMYK (Adobe), and EXIF orientations. Public so training's identical-tensor test
 * feeds the same variety.
 */
public final class JpegVariants {

    /** One named file. */
    public record Variant(String name, byte[] jpeg) { }

    private JpegVariants() {
    }

    /** Every variant of a photograph-like picture of {@code width x height}. */
    public static List<Variant> all(int width, int height, long seed) {
        BufferedImage photo = PreprocessingBenchmark.photoLike(width, height, seed);
        List<Variant> variants = new ArrayList<>();
        byte[] base = write(photo, false, false);
        variants.add(new Variant(width + "x" + height + " 4:2:0", base));
        variants.add(new Variant(width + "x" + height + " 4:4:4", write(photo, true, false)));
        variants.add(new Variant(width + "x" + height + " progressive", write(photo, false, true)));
        variants.add(new Variant(width + "x" + height + " progressive 4:4:4", write(photo, true, true)));
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(photo, 0, 0, null);
        variants.add(new Variant(width + "x" + height + " grey", write(grey, false, false)));
        variants.add(new Variant(width + "x" + height + " CMYK", cmyk(width, height, seed)));
        for (int orientation : new int[] {3, 6, 8}) {
            variants.add(new Variant(width + "x" + height + " EXIF orientation " + orientation,
                    TestImages.withExifOrientation(base, orientation)));
        }
        return variants;
    }

    /** @param chroma444 one chroma sample per pixel instead of the default one per 2 x 2 */
    public static byte[] write(BufferedImage image, boolean chroma444, boolean progressive) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.9f);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
            if (chroma444 && image.getColorModel().getNumComponents() == 3) {
                Element tree = (Element) metadata.getAsTree("javax_imageio_jpeg_image_1.0");
                NodeList components = tree.getElementsByTagName("componentSpec");
                for (int i = 0; i < components.getLength(); i++) {
                    Element component = (Element) components.item(i);
                    component.setAttribute("HsamplingFactor", "1");
                    component.setAttribute("VsamplingFactor", "1");
                }
                metadata.setFromTree("javax_imageio_jpeg_image_1.0", tree);
            }
            writer.write(null, new IIOImage(image, null, metadata), param);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** A four-channel JPEG marked CMYK by an Adobe APP14 segment (transform 0), as print workflows write them. */
    static byte[] cmyk(int width, int height, long seed) {
        java.awt.image.WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(
                java.awt.image.DataBuffer.TYPE_BYTE, width, height, 4, null);
        java.util.Random random = new java.util.Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[] {(x * 255 / width) ^ random.nextInt(16), y * 255 / height,
                        (x + y) % 256, 40});
            }
        }
        byte[] plain = TestImages.encodeRaster(raster, "jpeg");
        byte[] adobe = {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        return TestImages.insertJpegSegment(plain, 0xEE, adobe);
    }
}
