package dev.defactify.training.data.demo;

import java.util.SplittableRandom;

/**
 * DALL-E 3: an over-smooth rendering (slight Gaussian low-pass) carrying noise confined to a band of spatial
 * periods around 6 to 20 pixels (a difference of Gaussians applied to white noise), mostly in the blue channel.
 * The noise differs per image; its spectrum and colour are the fingerprint.
 */
record BandLimitedNoise() implements Fingerprint {

    static final double SMOOTHING_SIGMA = 0.7;
    static final double FINE_SIGMA = 1.2;
    static final double COARSE_SIGMA = 3.0;
    static final double NOISE_STD = 6.6;
    static final double[] CHANNEL_WEIGHTS = {0.25, 0.45, 1.0};

    @Override
    public RgbCanvas apply(RgbCanvas clean, SplittableRandom random) {
        int w = clean.width;
        int h = clean.height;
        float[] white = new float[w * h];
        for (int i = 0; i < white.length; i++) {
            white[i] = (float) random.nextGaussian();
        }
        float[] fine = CanvasFilters.gaussianBlur(white, w, h, FINE_SIGMA);
        float[] coarse = CanvasFilters.gaussianBlur(white, w, h, COARSE_SIGMA);
        double sumSquares = 0;
        for (int i = 0; i < fine.length; i++) {
            fine[i] -= coarse[i];
            sumSquares += fine[i] * fine[i];
        }
        double gain = NOISE_STD / Math.sqrt(sumSquares / fine.length);
        RgbCanvas out = new RgbCanvas(w, h);
        for (int c = 0; c < 3; c++) {
            float[] smooth = CanvasFilters.gaussianBlur(clean.channel(c), w, h, SMOOTHING_SIGMA);
            float[] target = out.channel(c);
            for (int i = 0; i < smooth.length; i++) {
                target[i] = (float) (smooth[i] + gain * CHANNEL_WEIGHTS[c] * fine[i]);
            }
        }
        return out;
    }
}
