package dev.defactify.training.data.demo;

import dev.defactify.training.data.demo.SceneRecipe.Backdrop;
import dev.defactify.training.data.demo.SceneRecipe.Lighting;
import dev.defactify.training.data.demo.SceneRecipe.SceneObject;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Draws random but plausible outdoor scenes: the stand-in for the captions of MS COCO. */
final class SceneRecipes {

    private SceneRecipes() {
    }

    static SceneRecipe draw(SplittableRandom random, int width, int height) {
        Backdrop backdrop = drawBackdrop(random, width, height);
        int count = 3 + random.nextInt(6);
        List<SceneObject> objects = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            objects.add(drawObject(random, width, height));
        }
        Lighting lighting = new Lighting(random.nextDouble(2 * Math.PI), random.nextDouble(0.04, 0.18));
        return new SceneRecipe(width, height, backdrop, objects, lighting);
    }

    private static Backdrop drawBackdrop(SplittableRandom random, int width, int height) {
        double[] skyTop;
        double[] skyHorizon;
        switch (random.nextInt(3)) {
            case 0 -> { // clear day
                skyTop = hsb(random.nextDouble(0.55, 0.64), random.nextDouble(0.35, 0.7), random.nextDouble(0.6, 0.9));
                skyHorizon = hsb(random.nextDouble(0.53, 0.6), random.nextDouble(0.1, 0.3), random.nextDouble(0.85, 1));
            }
            case 1 -> { // overcast
                double grey = random.nextDouble(0.55, 0.85);
                skyTop = hsb(0.6, random.nextDouble(0.02, 0.1), grey);
                skyHorizon = hsb(0.6, random.nextDouble(0.0, 0.06), Math.min(1, grey + 0.1));
            }
            default -> { // low sun
                skyTop = hsb(random.nextDouble(0.58, 0.7), random.nextDouble(0.3, 0.6), random.nextDouble(0.4, 0.7));
                skyHorizon = hsb(random.nextDouble(0.03, 0.11), random.nextDouble(0.3, 0.7), random.nextDouble(0.8, 1));
            }
        }
        double groundHue = random.nextBoolean() ? random.nextDouble(0.18, 0.36) : random.nextDouble(0.05, 0.12);
        double[] groundFar = hsb(groundHue, random.nextDouble(0.15, 0.5), random.nextDouble(0.4, 0.7));
        double[] groundNear = hsb(groundHue + random.nextDouble(-0.03, 0.03), random.nextDouble(0.2, 0.6),
                random.nextDouble(0.25, 0.6));
        return new Backdrop(skyTop, skyHorizon, height * random.nextDouble(0.3, 0.65), groundFar, groundNear,
                new ValueNoise(random.nextLong()), random.nextDouble(0, 0.6),
                drawTexture(random), random.nextDouble(0.08, 0.3));
    }

    private static SceneObject drawObject(SplittableRandom random, int width, int height) {
        double cx = random.nextDouble(-0.05, 1.05) * width;
        double cy = random.nextDouble(0.15, 1.05) * height;
        double size = Math.min(width, height) * random.nextDouble(0.07, 0.3);
        Outline outline = switch (random.nextInt(3)) {
            case 0 -> new Outline.Ellipse(cx, cy, size, size * random.nextDouble(0.4, 1.3),
                    random.nextDouble(Math.PI));
            case 1 -> drawPolygon(random, cx, cy, size);
            default -> new Outline.Blob(cx, cy, size,
                    new double[] {random.nextDouble(0.2), random.nextDouble(0.12), random.nextDouble(0.06)},
                    new double[] {random.nextDouble(6.3), random.nextDouble(6.3), random.nextDouble(6.3)});
        };
        double[] colour = hsb(random.nextDouble(), random.nextDouble(0.1, 0.75), random.nextDouble(0.25, 0.95));
        return new SceneObject(outline, drawTexture(random), colour, random.nextDouble(0.04, 0.3),
                random.nextDouble(0.8, 3.5), random.nextDouble(0.05, 0.3));
    }

    /** Random angles sorted increasingly: a star-shaped polygon that is convex enough for the distance estimate. */
    private static Outline drawPolygon(SplittableRandom random, double cx, double cy, double size) {
        int n = 3 + random.nextInt(5);
        double start = random.nextDouble(2 * Math.PI);
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            double angle = start + 2 * Math.PI * (i + random.nextDouble(-0.25, 0.25)) / n;
            double radius = size * random.nextDouble(0.85, 1.15);
            xs[i] = cx + radius * Math.cos(angle);
            ys[i] = cy + radius * Math.sin(angle);
        }
        return new Outline.ConvexPolygon(cx, cy, xs, ys);
    }

    private static Texture drawTexture(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0, 1 -> new Texture.Fractal(new ValueNoise(random.nextLong()), random.nextDouble(6, 60),
                    3 + random.nextInt(3));
            case 2 -> new Texture.Stripes(random.nextDouble(Math.PI), random.nextDouble(6, 30),
                    new ValueNoise(random.nextLong()), random.nextDouble(2, 12));
            default -> new Texture.Grain(new ValueNoise(random.nextLong()), random.nextDouble(1.5, 4));
        };
    }

    private static double[] hsb(double hue, double saturation, double brightness) {
        int rgb = Color.HSBtoRGB((float) hue, (float) Math.clamp(saturation, 0, 1), (float) Math.clamp(brightness, 0, 1));
        return new double[] {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
    }
}
