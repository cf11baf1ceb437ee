package dev.defactify.function.explain;

/**
 * A perceptual, inferno-like colour scale from near-black (0) through purple and red to pale yellow (1). Lightness
 * rises monotonically, so the heat reads correctly in greyscale and for colour-blind viewers, unlike a rainbow
 * "jet" map. Nine stops, linearly interpolated in sRGB, are plenty at 8 bits per channel.
 */
final class ColorMap {
    private static final int[] STOPS = {
        0x000004, 0x1B0C41, 0x4A0C6B, 0x781C6D, 0xA52C60, 0xCF4446, 0xED6925, 0xFB9B06, 0xFCFFA4,
    };

    private ColorMap() {
    }

    /** Packed {@code 0xRRGGBB} for {@code t} in [0, 1]; values outside are clamped, NaN reads as 0. */
    static int rgb(double t) {
        double clamped = t > 0 ? Math.min(t, 1.0) : 0.0;
        double position = clamped * (STOPS.length - 1);
        int lower = Math.min((int) position, STOPS.length - 2);
        double fraction = position - lower;
        int from = STOPS[lower];
        int to = STOPS[lower + 1];
        return mix(from >> 16, to >> 16, fraction) << 16
                | mix((from >> 8) & 0xFF, (to >> 8) & 0xFF, fraction) << 8
                | mix(from & 0xFF, to & 0xFF, fraction);
    }

    private static int mix(int from, int to, double fraction) {
        return (int) Math.round(from + (to - from) * fraction);
    }
}
