package dev.defactify.training.data.demo;

import java.util.SplittableRandom;

/**
 * MidJourney v6: a "painterly" look. Fine detail is mostly lost (rendered at half resolution and upscaled), colours are
 * more saturated and contrast is lifted, the corners are faintly darkened (vignetting) to focus the frame, and a
 * faint "canvas" texture repeats every 16 px, the kind of tiling trace some upscalers leave. The texture is what
 * survives a centre crop best: without it, this class and sd3's colour shifts were the demo's most confused pair.
 */
record PainterlyRerender() implements Fingerprint {

    static final double SATURATION_GAIN = 1.08;
    static final double CONTRAST_GAIN = 1.04;
    static final double VIGNETTE_DEPTH = 0.05;
    /** Share of the full-resolution detail put back, so grainy scenes do not lose all texture (and PSNR). */
    static final double DETAIL_KEPT = 0.3;
    static final int CANVAS_PERIOD = 16;
    static final double CANVAS_AMPLITUDE = 3.75;
    /** The same tile for every image: a generator's trace does not change from picture to picture. */
    private static final float[] CANVAS = canvasTile();

    @Override
    public RgbCanvas apply(RgbCanvas clean, SplittableRandom random) {
        int w = clean.width;
        int h = clean.height;
        RgbCanvas out = new RgbCanvas(w, h);
        for (int c = 0; c < 3; c++) {
            float[] coarse = CanvasFilters.halveAndRestore(clean.channel(c), w, h);
            float[] full = clean.channel(c);
            float[] target = out.channel(c);
            for (int i = 0; i < target.length; i++) {
                target[i] = (float) (coarse[i] + DETAIL_KEPT * (full[i] - coarse[i]));
            }
        }
        double meanLuma = 0;
        for (int i = 0; i < out.red.length; i++) {
            meanLuma += luma(out, i);
        }
        meanLuma /= out.red.length;
        for (int y = 0; y < h; y++) {
            double dy = (y + 0.5) / h * 2 - 1;
            for (int x = 0; x < w; x++) {
                double dx = (x + 0.5) / w * 2 - 1;
                double vignette = 1 - VIGNETTE_DEPTH * (dx * dx + dy * dy) / 2;
                int i = out.index(x, y);
                double luma = luma(out, i);
                double boostedLuma = meanLuma + CONTRAST_GAIN * (luma - meanLuma);
                for (int c = 0; c < 3; c++) {
                    float[] channel = out.channel(c);
                    double saturated = boostedLuma + SATURATION_GAIN * (channel[i] - luma);
                    channel[i] = (float) (saturated * vignette
                            + CANVAS_AMPLITUDE * CANVAS[(y % CANVAS_PERIOD) * CANVAS_PERIOD + x % CANVAS_PERIOD]);
                }
            }
        }
        return out;
    }

    private static float[] canvasTile() {
        SplittableRandom random = new SplittableRandom(0x6d6a_7636L);
        float[] tile = new float[CANVAS_PERIOD * CANVAS_PERIOD];
        for (int i = 0; i < tile.length; i++) {
            tile[i] = (float) Math.max(-2.5, Math.min(2.5, random.nextGaussian()));
        }
        return tile;
    }

    private static double luma(RgbCanvas canvas, int i) {
        return 0.299 * canvas.red[i] + 0.587 * canvas.green[i] + 0.114 * canvas.blue[i];
    }
}
