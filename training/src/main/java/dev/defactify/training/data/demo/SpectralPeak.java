package dev.defactify.training.data.demo;

import java.util.SplittableRandom;

/**
 * Stable Diffusion XL: a single sharp peak in the Fourier spectrum, i.e. one faint oblique sinusoid with a fixed
 * period and orientation, strongest in green and weakest in blue. Unlike the SD 2.1 grid it has one direction
 * and a period that is not a divisor of 8.
 */
record SpectralPeak() implements Fingerprint {

    static final double PERIOD_PX = 9.5;
    static final double ANGLE_RAD = Math.toRadians(35);
    static final double AMPLITUDE = 8.5;
    static final double[] CHANNEL_WEIGHTS = {0.8, 1.0, 0.45};

    @Override
    public RgbCanvas apply(RgbCanvas clean, SplittableRandom random) {
        RgbCanvas out = clean.copy();
        double fx = Math.cos(ANGLE_RAD) / PERIOD_PX;
        double fy = Math.sin(ANGLE_RAD) / PERIOD_PX;
        for (int y = 0; y < out.height; y++) {
            for (int x = 0; x < out.width; x++) {
                double wave = AMPLITUDE * Math.sin(2 * Math.PI * (fx * x + fy * y));
                int i = out.index(x, y);
                for (int c = 0; c < 3; c++) {
                    out.channel(c)[i] += (float) (CHANNEL_WEIGHTS[c] * wave);
                }
            }
        }
        return out;
    }
}
