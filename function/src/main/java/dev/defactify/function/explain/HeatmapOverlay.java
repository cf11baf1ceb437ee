package dev.defactify.function.explain;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * Draws an activation map over the crop the model saw: the grid of per-cell AI probabilities is upsampled
 * bilinearly to the crop's size, coloured with {@link ColorMap} and alpha-blended over the photo. Colours use the
 * absolute probability (0 dark, 1 pale yellow), not the map's own min..max, so an image the head finds real
 * everywhere stays dark instead of having its least-real patch painted hot. Stateless and thread-safe.
 */
public final class HeatmapOverlay {
    /** Heat weight: enough to read the map at a glance while the photo's content stays recognisable. */
    public static final double DEFAULT_ALPHA = 0.45;

    private final double alpha;

    public HeatmapOverlay() {
        this(DEFAULT_ALPHA);
    }

    public HeatmapOverlay(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be within [0, 1], got " + alpha);
        }
        this.alpha = alpha;
    }

    /** The overlay as an RGB image of the crop's size. */
    public BufferedImage render(ActivationMap map, RgbCrop crop) {
        int size = crop.size();
        int[] x0 = new int[size];
        int[] x1 = new int[size];
        double[] fx = new double[size];
        int[] y0 = new int[size];
        int[] y1 = new int[size];
        double[] fy = new double[size];
        // The same sampling positions serve every row (and every column), so they are worked out once.
        samplePositions(map.cols(), size, x0, x1, fx);
        samplePositions(map.rows(), size, y0, y1, fy);
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double top = lerp(map.probability(y0[y], x0[x]), map.probability(y0[y], x1[x]), fx[x]);
                double bottom = lerp(map.probability(y1[y], x0[x]), map.probability(y1[y], x1[x]), fx[x]);
                int heat = ColorMap.rgb(lerp(top, bottom, fy[y]));
                image.setRGB(x, y, blend(crop.rgb(x, y), heat));
            }
        }
        return image;
    }

    /** The overlay encoded as PNG, in standard base64 (no line breaks), ready for a JSON string. */
    public String pngBase64(ActivationMap map, RgbCrop crop) {
        return Base64.getEncoder().encodeToString(png(render(map, crop)));
    }

    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("No PNG writer is available to ImageIO");
            }
        } catch (IOException e) {
            // Writing to memory cannot fail on I/O; anything here is a codec fault.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Grid cell centres sit at {@code (i + 0.5) * size / cells} pixels; each pixel centre is mapped back onto that
     * lattice and clamped at the borders, so the outer half-cells keep the edge value instead of fading out.
     */
    private static void samplePositions(int cells, int size, int[] lower, int[] upper, double[] fraction) {
        for (int p = 0; p < size; p++) {
            double g = Math.max(0, Math.min(cells - 1, (p + 0.5) * cells / size - 0.5));
            lower[p] = (int) g;
            upper[p] = Math.min(lower[p] + 1, cells - 1);
            fraction[p] = g - lower[p];
        }
    }

    private int blend(int photo, int heat) {
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int mixed = (int) Math.round(((photo >> shift) & 0xFF) * (1 - alpha) + ((heat >> shift) & 0xFF) * alpha);
            rgb |= mixed << shift;
        }
        return rgb;
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
