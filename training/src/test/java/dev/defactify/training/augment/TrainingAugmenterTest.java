package dev.defactify.training.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.image.ImageLimits;
import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.contract.image.InputSpec;
import dev.defactify.contract.image.ResizePolicy;
import dev.defactify.training.data.Datasets;
import dev.defactify.training.data.LabelledImage;
import dev.defactify.training.data.Split;
import dev.defactify.training.data.demo.DemoDataGenerator;
import dev.defactify.training.train.BatchLoader;
import dev.defactify.training.train.ClassBalance;
import dev.defactify.training.train.OptimizerKind;
import dev.defactify.training.train.PreparedBatch;
import dev.defactify.training.train.TrainingConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingAugmenterTest {
    private static final AugmentationConfig EVERYTHING = new AugmentationConfig(0.5, Range.of(30, 100), 0.5,
            Range.of(0, 3), true, Range.of(0.5, 1), 0.5, 0.5, Range.of(0.5, 1.5));

    @TempDir
    static Path dir;

    static Path data;

    private final ImagePreprocessor preprocessor = new ImagePreprocessor(
            InputSpec.imagenet(32, ResizePolicy.RESIZE_SHORTER_THEN_CENTER_CROP), ImageLimits.defaults());

    @BeforeAll
    static void demoData() {
        data = dir.resolve("data");
        new DemoDataGenerator().generate(data, 3, 7L);
    }

    private static TrainingConfig config(AugmentationConfig augmentation, long seed) {
        return new TrainingConfig(data.toString(), "small", 2, 4, OptimizerKind.ADAMW, 1e-3, 1.0, 0.05, 0.9f, 0.5,
                0.01, 0, 1f, 1f, ClassBalance.POS_WEIGHT, seed, 32, ResizePolicy.CENTER_CROP.slug(), null, "cpu", 2,
                true, augmentation, 0);
    }

    @Test
    void nameSummarisesTheParametersAndNoneIsTheDefault() {
        assertEquals("resize0.5x0.5-1.5_crop0.5-1_flip0.5_blur0.5s0-3_jpeg0.5q30-100", EVERYTHING.name());
        assertEquals("none", AugmentationConfig.none().name());
        assertTrue(AugmentationConfig.none().isNone());
        TrainingConfig legacy = new TrainingConfig(data.toString(), "small", 2, 4, OptimizerKind.ADAMW, 1e-3, 1.0,
                0.05, 0.9f, 0.5, 0.01, 0, 1f, 1f, ClassBalance.POS_WEIGHT, 1, 32, ResizePolicy.CENTER_CROP.slug(), null,
                "cpu", 2, true);
        assertTrue(legacy.augmentation().isNone());
        assertSame(ImageTransform.identity(), legacy.transformFor(Split.TRAIN, preprocessor));
    }

    @Test
    void planDependsOnlyOnSeedEpochAndImage() {
        TrainingAugmenter augmenter = new TrainingAugmenter(EVERYTHING, 42, null);
        TrainingAugmenter again = new TrainingAugmenter(EVERYTHING, 42, null);
        TrainingAugmenter otherSeed = new TrainingAugmenter(EVERYTHING, 43, null);
        int differentEpoch = 0;
        int differentSeed = 0;
        for (int i = 0; i < 50; i++) {
            String id = "train/sd21/img" + i + ".png";
            assertEquals(augmenter.plan(id, 3, 200, 150), again.plan(id, 3, 200, 150));
            differentEpoch += augmenter.plan(id, 3, 200, 150).equals(augmenter.plan(id, 4, 200, 150)) ? 0 : 1;
            differentSeed += augmenter.plan(id, 3, 200, 150).equals(otherSeed.plan(id, 3, 200, 150)) ? 0 : 1;
        }
        assertTrue(differentEpoch > 40, differentEpoch + " of 50 plans differ between epochs");
        assertTrue(differentSeed > 40, differentSeed + " of 50 plans differ between seeds");
    }

    @Test
    void planHonoursProbabilitiesAndCropScale() {
        TrainingAugmenter off = new TrainingAugmenter(AugmentationConfig.none(), 1, null);
        AugmentationConfig always = new AugmentationConfig(1, Range.of(50, 50), 1, Range.of(1, 2), true,
                Range.of(0.25, 0.25), 1, 1, Range.of(2, 2));
        TrainingAugmenter on = new TrainingAugmenter(always, 1, null);
        for (int i = 0; i < 20; i++) {
            assertEquals(List.of(), off.plan("img" + i, 1, 100, 80));
            List<Perturbation> plan = on.plan("img" + i, 1, 100, 80);
            assertEquals(new Perturbation.Rescale(2), plan.get(0));
            // after a 2x rescale the shorter side is 160; area fraction 0.25 → side 80, anywhere inside
            Perturbation.SquareCrop crop = assertInstanceOf(Perturbation.SquareCrop.class, plan.get(1));
            assertEquals(80, crop.side());
            assertTrue(crop.x() + crop.side() <= 200 && crop.y() + crop.side() <= 160, crop.toString());
            assertEquals(new Perturbation.HorizontalFlip(), plan.get(2));
            double sigma = assertInstanceOf(Perturbation.GaussianBlur.class, plan.get(3)).sigma();
            assertTrue(sigma >= 1 && sigma <= 2);
            assertEquals(new Perturbation.JpegRecompression(50), plan.get(4));
        }
    }

    @Test
    void augmentedTensorsAreTheSameWhateverTheOrderAndThreadsButChangeWithTheEpoch() {
        List<LabelledImage> images = Datasets.open(data).images(Split.TRAIN);
        TrainingConfig config = config(EVERYTHING, 5);
        ImageTransform transform = config.transformFor(Split.TRAIN, preprocessor);
        assertTrue(transform.variesByEpoch());
        int[] forward = IntStream.range(0, images.size()).toArray();
        int[] backward = IntStream.range(0, images.size()).map(i -> images.size() - 1 - i).toArray();
        Map<String, float[]> epoch1;
        Map<String, float[]> epoch1Again;
        Map<String, float[]> epoch2;
        try (BatchLoader one = new BatchLoader(images, preprocessor, transform, 1, true);
             BatchLoader four = new BatchLoader(images, preprocessor, transform, 4, true)) {
            epoch1 = tensors(one.batches(forward, 3, 1));
            epoch1Again = tensors(four.batches(backward, 5, 1));
            epoch2 = tensors(four.batches(forward, 3, 2));
        }
        int changed = 0;
        for (String id : epoch1.keySet()) {
            assertArrayEquals(epoch1.get(id), epoch1Again.get(id), 0f, id);
            changed += Arrays.equals(epoch1.get(id), epoch2.get(id)) ? 0 : 1;
        }
        assertTrue(changed > epoch1.size() / 2, changed + " of " + epoch1.size() + " tensors changed between epochs");
    }

    @Test
    void validationAndTestImagesAreNeverAugmented() throws Exception {
        TrainingConfig config = config(EVERYTHING, 5);
        assertInstanceOf(TrainingAugmenter.class, config.transformFor(Split.TRAIN, preprocessor));
        for (Split split : List.of(Split.VAL, Split.TEST)) {
            ImageTransform transform = config.transformFor(split, preprocessor);
            assertSame(ImageTransform.identity(), transform);
            assertFalse(transform.variesByEpoch());
            List<LabelledImage> images = Datasets.open(data).images(split);
            try (BatchLoader loader = new BatchLoader(images, preprocessor, transform, 2, false)) {
                Map<String, float[]> tensors = tensors(loader.batches(IntStream.range(0, images.size()).toArray(), 4, 3));
                for (LabelledImage image : images) {
                    assertArrayEquals(preprocessor.prepare(image.read()).tensor(), tensors.get(image.id()), 0f);
                }
            }
        }
    }

    private static Map<String, float[]> tensors(Iterator<PreparedBatch> batches) {
        Map<String, float[]> byId = new HashMap<>();
        while (batches.hasNext()) {
            PreparedBatch batch = batches.next();
            int length = 3 * batch.side() * batch.side();
            for (int i = 0; i < batch.size(); i++) {
                byId.put(batch.images().get(i).id(), Arrays.copyOfRange(batch.pixels(), i * length, (i + 1) * length));
            }
        }
        return byId;
    }
}
