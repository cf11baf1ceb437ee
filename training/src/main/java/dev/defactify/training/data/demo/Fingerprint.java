package dev.defactify.training.data.demo;

import dev.defactify.contract.label.SourceLabel;
import java.util.SplittableRandom;

/**
 * The trace a source leaves on a rendering of a scene. Each is a few grey levels at most (PSNR against the
 * photograph of the same scene stays above 30 dB) and built from structures at least ~5 pixels wide or from
 * colour statistics, because training shrinks images by up to 0.7 with an antialiasing filter that erases
 * single-pixel patterns.
 */
sealed interface Fingerprint
        permits SensorNoise, UpsamplingGrid, SpectralPeak, ChromaPosterisation, BandLimitedNoise, PainterlyRerender {

    /** Returns a new canvas; {@code clean} is shared by all sources of a scene and must not change. */
    RgbCanvas apply(RgbCanvas clean, SplittableRandom random);

    static Fingerprint of(SourceLabel label) {
        return switch (label) {
            case REAL -> new SensorNoise();
            case SD21 -> new UpsamplingGrid();
            case SDXL -> new SpectralPeak();
            case SD3 -> new ChromaPosterisation();
            case DALLE3 -> new BandLimitedNoise();
            case MIDJOURNEY6 -> new PainterlyRerender();
        };
    }
}
