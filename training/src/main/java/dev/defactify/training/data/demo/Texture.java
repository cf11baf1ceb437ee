package dev.defactify.training.data.demo;

/** Surface detail of an object, in [-1, 1]; the painter scales it by the object's texture contrast. */
sealed interface Texture permits Texture.Fractal, Texture.Stripes, Texture.Grain {

    double at(double x, double y);

    /** Bark, foliage, clouds, stone: several octaves of smooth noise. */
    record Fractal(ValueNoise noise, double scalePx, int octaves) implements Texture {
        @Override
        public double at(double x, double y) {
            return noise.fractal(x / scalePx, y / scalePx, octaves);
        }
    }

    /** Fabric, planks, fences: stripes bent by low-frequency noise so they never form a clean sinusoid. */
    record Stripes(double angle, double periodPx, ValueNoise warp, double warpPx) implements Texture {
        @Override
        public double at(double x, double y) {
            double along = x * Math.cos(angle) + y * Math.sin(angle);
            double bend = warpPx * warp.at(x / 40.0, y / 40.0);
            return Math.sin(2 * Math.PI * (along + bend) / periodPx);
        }
    }

    /** Sand, concrete, fur: fine unstructured detail just above the pixel scale. */
    record Grain(ValueNoise noise, double scalePx) implements Texture {
        @Override
        public double at(double x, double y) {
            return noise.fractal(x / scalePx, y / scalePx, 2);
        }
    }
}
