package dev.defactify.training.data.demo;

/**
 * Smooth lattice noise in [-1, 1]. Lattice values come from hashing the cell coordinates rather than from a
 * table, so the noise needs no shared state and is the same on every thread.
 */
record ValueNoise(long seed) {

    double at(double x, double y) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        long ix = (long) fx;
        long iy = (long) fy;
        double tx = fade(x - fx);
        double ty = fade(y - fy);
        double top = lerp(lattice(ix, iy), lattice(ix + 1, iy), tx);
        double bottom = lerp(lattice(ix, iy + 1), lattice(ix + 1, iy + 1), tx);
        return lerp(top, bottom, ty);
    }

    /** Octaves of halving amplitude and doubling frequency, normalised back to [-1, 1]: natural-looking texture. */
    double fractal(double x, double y, int octaves) {
        double sum = 0;
        double amplitude = 1;
        double norm = 0;
        double frequency = 1;
        for (int octave = 0; octave < octaves; octave++) {
            // Offsetting each octave hides the lattice alignment that would otherwise show at the origin.
            sum += amplitude * at(x * frequency + octave * 17.31, y * frequency - octave * 9.17);
            norm += amplitude;
            amplitude *= 0.5;
            frequency *= 2;
        }
        return sum / norm;
    }

    private double lattice(long ix, long iy) {
        long h = Seeds.finish(seed ^ (ix * 0x632BE59BD9B4E019L) ^ (iy * 0x85157AF5L));
        return (h >>> 11) * 0x1.0p-52 - 1.0;
    }

    private static double fade(double t) {
        return t * t * t * (t * (t * 6 - 15) + 10);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
