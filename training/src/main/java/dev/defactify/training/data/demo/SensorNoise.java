package dev.defactify.training.data.demo;

import java.util.SplittableRandom;

/**
 * Photographs (class real): white noise as a camera sensor leaves it, partly shared by the three channels
 * (demosaicking correlates them) and growing with brightness (photon shot noise). No spatial structure at all,
 * which is exactly what separates it from every generator below.
 */
record SensorNoise() implements Fingerprint {

    static final double SHARED_SIGMA = 1.1;
    static final double CHANNEL_SIGMA = 1.0;
    static final double SHOT_GAIN = 0.07;

    @Override
    public RgbCanvas apply(RgbCanvas clean, SplittableRandom random) {
        RgbCanvas noisy = clean.copy();
        for (int i = 0; i < noisy.red.length; i++) {
            double shared = SHARED_SIGMA * random.nextGaussian();
            for (int c = 0; c < 3; c++) {
                float[] channel = noisy.channel(c);
                double shot = SHOT_GAIN * Math.sqrt(Math.max(0, channel[i])) * random.nextGaussian();
                channel[i] += (float) (shared + CHANNEL_SIGMA * random.nextGaussian() + shot);
            }
        }
        return noisy;
    }
}
