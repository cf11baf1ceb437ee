package dev.defactify.training.data.demo;

/**
 * Derives independent seeds from a root seed and an index, so each scene (and each class within it) gets its own
 * random stream and scenes can be rendered in any order on any number of threads with identical results.
 */
final class Seeds {

    private Seeds() {
    }

    static long mix(long seed, long index) {
        return finish(seed + 0x9E3779B97F4A7C15L * (index + 1));
    }

    /** The SplitMix64 finaliser: every input bit affects every output bit. */
    static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
