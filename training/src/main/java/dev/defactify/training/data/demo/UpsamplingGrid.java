package dev.defactify.training.data.demo;

import java.util.SplittableRandom;

/**
 * Stable Diffusion 2.1: the VAE decoder upsamples the latent three times by two, so its output carries a faint
 * checkerboard with the latent's period of 8 pixels on both axes. Modelled as an axis-aligned 8x8 cosine grid
 * whose strength follows brightness, as decoder artefacts do.
 */
record UpsamplingGrid() implements Fingerprint {

    static final double PERIOD_PX = 8;
    static final double CROSS_AMPLITUDE = 7.8;
    static final double LINE_AMPLITUDE = 4.8;

    @Override
    public RgbCanvas apply(RgbCanvas clean, SplittableRandom random) {
        RgbCanvas out = clean.copy();
        double[] wave = new double[(int) PERIOD_PX];
        for (int k = 0; k < wave.length; k++) {
            wave[k] = Math.cos(2 * Math.PI * k / PERIOD_PX);
        }
        for (int y = 0; y < out.height; y++) {
            double wy = wave[y % wave.length];
            for (int x = 0; x < out.width; x++) {
                double wx = wave[x % wave.length];
                int i = out.index(x, y);
                double luma = 0.299 * out.red[i] + 0.587 * out.green[i] + 0.114 * out.blue[i];
                double strength = 0.6 + 0.4 * luma / 255;
                float delta = (float) (strength * (CROSS_AMPLITUDE * wx * wy + LINE_AMPLITUDE * (wx + wy) / 2));
                out.red[i] += delta;
                out.green[i] += delta;
                out.blue[i] += delta;
            }
        }
        return out;
    }
}
