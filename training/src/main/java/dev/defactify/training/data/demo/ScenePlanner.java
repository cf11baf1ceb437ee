package dev.defactify.training.data.demo;

import dev.defactify.training.data.Split;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Decides, before anything is drawn, each scene's size, seed and split (70/15/15 by scene). */
final class ScenePlanner {

    static final int MIN_SIDE = 240;
    static final int MAX_SIDE = 320;

    private ScenePlanner() {
    }

    /** Scenes in index order; every split gets at least one scene, hence the minimum of three. */
    static List<DemoScene> plan(int sceneCount, long seed) {
        if (sceneCount < 3) {
            throw new IllegalArgumentException("need at least 3 scenes (one per split) but got " + sceneCount);
        }
        int validation = Math.max(1, (int) Math.round(sceneCount * 0.15));
        int test = Math.max(1, (int) Math.round(sceneCount * 0.15));
        List<Integer> order = shuffledIndices(sceneCount, new SplittableRandom(Seeds.mix(seed, -1)));
        Split[] splitOf = new Split[sceneCount];
        for (int position = 0; position < sceneCount; position++) {
            Split split = position < validation ? Split.VAL
                    : position < validation + test ? Split.TEST : Split.TRAIN;
            splitOf[order.get(position)] = split;
        }
        List<DemoScene> scenes = new ArrayList<>(sceneCount);
        for (int index = 0; index < sceneCount; index++) {
            long sceneSeed = Seeds.mix(seed, index);
            // Size comes from the scene's seed alone and is shared by its six images: it cannot reveal the class.
            SplittableRandom sizes = new SplittableRandom(sceneSeed);
            int width = sizes.nextInt(MIN_SIDE, MAX_SIDE + 1);
            int height = sizes.nextInt(MIN_SIDE, MAX_SIDE + 1);
            scenes.add(new DemoScene(index, DemoScene.idOf(index), splitOf[index], width, height,
                    Seeds.mix(sceneSeed, 1)));
        }
        return scenes;
    }

    private static List<Integer> shuffledIndices(int count, SplittableRandom random) {
        List<Integer> indices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            indices.add(i);
        }
        // Fisher-Yates with our own generator: Collections.shuffle takes a java.util.Random.
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            indices.set(j, indices.set(i, indices.get(j)));
        }
        return indices;
    }

    static Comparator<DemoScene> bySplitThenIndex() {
        return Comparator.comparing(DemoScene::split).thenComparingInt(DemoScene::index);
    }
}
