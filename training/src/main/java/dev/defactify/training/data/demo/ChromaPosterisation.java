package dev.defactify.training.data.demo;

import java.util.SplittableRandom;

/**
 * Stable Diffusion 3: chroma (YCbCr Cb and Cr) rounded to coarse steps, which turns smooth colour gradients into
 * faint bands of flat colour while leaving luminance detail intact, a slight warm tint, and faint horizontal
 * colour stripes (Cr and Cb in opposite phase, period 6 pixels) that leave luminance alone. The comb in the chroma
 * histogram does not survive the training resize and a tint is easily mistaken for a warm scene; the stripes are a
 * pattern the resize keeps, and unlike the SD 2.1 grid and the SDXL peak they live in colour only.
 */
record ChromaPosterisation() implements Fingerprint {

    static final double CHROMA_STEP = 8;
    static final double CB_TINT = -3.0;
    static final double CR_TINT = 3.5;
    static final double STRIPE_PERIOD_PX = 6;
    static final double STRIPE_AMPLITUDE = 4.0;

    @Override
    public RgbCanvas apply(RgbCanvas clean, SplittableRandom random) {
        RgbCanvas out = clean.copy();
        for (int y = 0; y < out.height; y++) {
            double stripe = STRIPE_AMPLITUDE * Math.sin(2 * Math.PI * y / STRIPE_PERIOD_PX);
            for (int x = 0; x < out.width; x++) {
                int i = out.index(x, y);
                double r = out.red[i];
                double g = out.green[i];
                double b = out.blue[i];
                double luma = 0.299 * r + 0.587 * g + 0.114 * b;
                double cb = quantise(-0.168736 * r - 0.331264 * g + 0.5 * b) + CB_TINT - stripe;
                double cr = quantise(0.5 * r - 0.418688 * g - 0.081312 * b) + CR_TINT + stripe;
                out.set(i, luma + 1.402 * cr, luma - 0.344136 * cb - 0.714136 * cr, luma + 1.772 * cb);
            }
        }
        return out;
    }

    private static double quantise(double chroma) {
        return Math.round(chroma / CHROMA_STEP) * CHROMA_STEP;
    }
}
