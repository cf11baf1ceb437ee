package dev.defactify.training.data.demo;

import java.util.List;

/**
 * Everything that decides what a scene shows, drawn once per scene. Painting the same recipe again gives the same
 * content, which is how the "generators" re-render the "photograph" of a scene.
 */
record SceneRecipe(int width, int height, Backdrop backdrop, List<SceneObject> objects, Lighting lighting) {

    SceneRecipe {
        objects = List.copyOf(objects);
    }

    /** Sky above a horizon, textured ground below, soft noise clouds. Colours are RGB in 0..255. */
    record Backdrop(double[] skyTop, double[] skyHorizon, double horizonY, double[] groundFar, double[] groundNear,
                    ValueNoise clouds, double cloudiness, Texture groundTexture, double groundContrast) {
    }

    /**
     * @param contrast how strongly the texture modulates the colour (0.05 smooth paint .. 0.35 rough bark)
     * @param feather  edge softness in pixels: in-focus objects are sharp, background ones blurred
     * @param relief   strength of the light-side/shadow-side shading that makes the shape look rounded
     */
    record SceneObject(Outline outline, Texture texture, double[] colour, double contrast, double feather,
                       double relief) {
    }

    /** A brightness ramp across the frame along {@code angle}: sun on one side of the picture. */
    record Lighting(double angle, double strength) {
    }
}
