package dev.defactify.training.data.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.training.data.Split;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScenePlannerTest {

    @Test
    void splitsSeventyFifteenFifteenByScene() {
        Map<Split, Long> sizes = splitSizes(ScenePlanner.plan(200, 1));
        assertEquals(Map.of(Split.TRAIN, 140L, Split.VAL, 30L, Split.TEST, 30L), sizes);
    }

    @Test
    void everySplitGetsASceneEvenWhenTiny() {
        assertEquals(Map.of(Split.TRAIN, 1L, Split.VAL, 1L, Split.TEST, 1L), splitSizes(ScenePlanner.plan(3, 1)));
        assertThrows(IllegalArgumentException.class, () -> ScenePlanner.plan(2, 1));
    }

    @Test
    void sameSeedSamePlanOtherSeedOtherPlan() {
        assertEquals(ScenePlanner.plan(50, 7), ScenePlanner.plan(50, 7));
        assertNotEquals(ScenePlanner.plan(50, 7).stream().map(DemoScene::split).toList(),
                ScenePlanner.plan(50, 8).stream().map(DemoScene::split).toList());
    }

    @Test
    void sizesVaryWithinTheAllowedRange() {
        List<DemoScene> scenes = ScenePlanner.plan(100, 3);
        for (DemoScene scene : scenes) {
            assertTrue(scene.width() >= 240 && scene.width() <= 320, scene.toString());
            assertTrue(scene.height() >= 240 && scene.height() <= 320, scene.toString());
        }
        assertTrue(scenes.stream().map(DemoScene::width).distinct().count() > 20);
        assertEquals("scene-000042", scenes.get(42).id());
    }

    private static Map<Split, Long> splitSizes(List<DemoScene> scenes) {
        return scenes.stream().collect(Collectors.groupingBy(DemoScene::split, Collectors.counting()));
    }
}
