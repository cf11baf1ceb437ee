package dev.defactify.training.data.demo;

import java.util.SplittableRandom;

/**
 * Stable Diffusion 3: chroma (YCbCr Cb and Cr) rounded to coarse steps, which turns smooth colour gradients into
 * faint bands of flat colour while leaving luminance detail intact, plus a slight warm tint. A statistical
 * trace: the chroma histogram becomes a comb, which survives any resize.
 */
record ChromaPosterisation() implements Fingerprint {

    static final double CHROMA_STEP = 8;
    static final double CB_TINT = -3.9;
    static final double CR_TINT = 4.55;

    @Override
    public RgbCanvas apply(RgbCanvas clean, SplittableRandom random) {
        RgbCanvas out = clean.copy();
        for (int i = 0; i < out.red.length; i++) {
            double r = out.red[i];
            double g = out.green[i];
            double b = out.blue[i];
            double y = 0.299 * r + 0.587 * g + 0.114 * b;
            double cb = quantise(-0.168736 * r - 0.331264 * g + 0.5 * b) + CB_TINT;
            double cr = quantise(0.5 * r - 0.418688 * g - 0.081312 * b) + CR_TINT;
            out.set(i, y + 1.402 * cr, y - 0.344136 * cb - 0.714136 * cr, y + 1.772 * cb);
        }
        return out;
    }

    private static double quantise(double chroma) {
        return Math.round(chroma / CHROMA_STEP) * CHROMA_STEP;
    }
}
