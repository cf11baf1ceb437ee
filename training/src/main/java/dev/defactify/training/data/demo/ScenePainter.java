package dev.defactify.training.data.demo;

import dev.defactify.training.data.demo.SceneRecipe.Backdrop;
import dev.defactify.training.data.demo.SceneRecipe.SceneObject;

/** Renders a recipe to a clean, noise-free canvas; the source-specific look is added afterwards by a fingerprint. */
final class ScenePainter {

    private ScenePainter() {
    }

    static RgbCanvas paint(SceneRecipe recipe) {
        RgbCanvas canvas = new RgbCanvas(recipe.width(), recipe.height());
        paintBackdrop(canvas, recipe.backdrop());
        for (SceneObject object : recipe.objects()) {
            paintObject(canvas, object);
        }
        applyLighting(canvas, recipe.lighting());
        return canvas;
    }

    private static void paintBackdrop(RgbCanvas canvas, Backdrop backdrop) {
        double horizon = backdrop.horizonY();
        for (int y = 0; y < canvas.height; y++) {
            for (int x = 0; x < canvas.width; x++) {
                double[] colour = new double[3];
                if (y < horizon) {
                    double t = y / horizon;
                    // Clouds only where cloud noise exceeds a threshold, so some skies stay clear.
                    double cloud = backdrop.clouds().fractal(x / 70.0, y / 35.0, 5);
                    double cover = Math.clamp((cloud + 0.3 - (0.6 - backdrop.cloudiness())) * 2.5, 0, 1)
                            * backdrop.cloudiness();
                    for (int c = 0; c < 3; c++) {
                        double sky = lerp(backdrop.skyTop()[c], backdrop.skyHorizon()[c], t);
                        colour[c] = lerp(sky, 235, cover);
                    }
                } else {
                    double t = (y - horizon) / Math.max(1, canvas.height - horizon);
                    double detail = backdrop.groundContrast() * backdrop.groundTexture().at(x, y);
                    for (int c = 0; c < 3; c++) {
                        colour[c] = lerp(backdrop.groundFar()[c], backdrop.groundNear()[c], t) * (1 + detail);
                    }
                }
                canvas.set(canvas.index(x, y), colour[0], colour[1], colour[2]);
            }
        }
    }

    private static void paintObject(RgbCanvas canvas, SceneObject object) {
        Outline outline = object.outline();
        double margin = outline.reach() + 2 * object.feather();
        int x0 = (int) Math.max(0, Math.floor(outline.centreX() - margin));
        int x1 = (int) Math.min(canvas.width - 1, Math.ceil(outline.centreX() + margin));
        int y0 = (int) Math.max(0, Math.floor(outline.centreY() - margin));
        int y1 = (int) Math.min(canvas.height - 1, Math.ceil(outline.centreY() + margin));
        double reach = Math.max(1, outline.reach());
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double coverage = smoothstep(0.5 - outline.signedDistance(x + 0.5, y + 0.5) / object.feather());
                if (coverage <= 0) {
                    continue;
                }
                // Lit from the upper left: a cheap cue that turns flat silhouettes into rounded objects.
                double side = ((outline.centreX() - x) + (outline.centreY() - y)) / (reach * Math.sqrt(2));
                double shade = (1 + object.relief() * side) * (1 + object.contrast() * object.texture().at(x, y));
                int i = canvas.index(x, y);
                canvas.red[i] = (float) lerp(canvas.red[i], object.colour()[0] * shade, coverage);
                canvas.green[i] = (float) lerp(canvas.green[i], object.colour()[1] * shade, coverage);
                canvas.blue[i] = (float) lerp(canvas.blue[i], object.colour()[2] * shade, coverage);
            }
        }
    }

    private static void applyLighting(RgbCanvas canvas, SceneRecipe.Lighting lighting) {
        double cos = Math.cos(lighting.angle());
        double sin = Math.sin(lighting.angle());
        double scale = 2.0 / (canvas.width + canvas.height);
        for (int y = 0; y < canvas.height; y++) {
            for (int x = 0; x < canvas.width; x++) {
                double along = ((x - canvas.width / 2.0) * cos + (y - canvas.height / 2.0) * sin) * scale;
                float gain = (float) (1 + lighting.strength() * along);
                int i = canvas.index(x, y);
                canvas.red[i] *= gain;
                canvas.green[i] *= gain;
                canvas.blue[i] *= gain;
            }
        }
    }

    private static double smoothstep(double t) {
        double c = Math.clamp(t, 0, 1);
        return c * c * (3 - 2 * c);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
