package dev.defactify.training.data.demo;

import java.util.SplittableRandom;

/**
 * MidJourney v6: a "painterly" look. Fine detail is mostly lost (rendered at half resolution and upscaled), colours are
 * more saturated and contrast is lifted, and the corners are faintly darkened (vignetting) to focus the frame.
 */
record PainterlyRerender() implements Fingerprint {

    static final double SATURATION_GAIN = 1.15;
    static final double CONTRAST_GAIN = 1.04;
    static final double VIGNETTE_DEPTH = 0.09;
    /** Share of the full-resolution detail put back, so grainy scenes do not lose all texture (and PSNR). */
    static final double DETAIL_KEPT = 0.3;

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
                    channel[i] = (float) (saturated * vignette);
                }
            }
        }
        return out;
    }

    private static double luma(RgbCanvas canvas, int i) {
        return 0.299 * canvas.red[i] + 0.587 * canvas.green[i] + 0.114 * canvas.blue[i];
    }
}
