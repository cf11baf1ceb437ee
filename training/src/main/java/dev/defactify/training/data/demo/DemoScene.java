package dev.defactify.training.data.demo;

import dev.defactify.training.data.Split;

/**
 * One scene of the demo set: rendered once per source, and all six renderings share its split.
 *
 * @param seed the scene's own random seed, so its images do not depend on which other scenes are generated
 */
record DemoScene(int index, String id, Split split, int width, int height, long seed) {

    static String idOf(int index) {
        return String.format("scene-%06d", index);
    }
}
