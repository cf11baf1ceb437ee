package dev.defactify.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.image.ImageLimits;
import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.contract.image.InputSpec;
import dev.defactify.contract.image.ResizePolicy;
import dev.defactify.contract.label.SourceLabel;
import dev.defactify.training.data.FileLocation;
import dev.defactify.training.data.LabelledImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a batch loader does with an image whose file no longer decodes. */
class BatchLoaderTest {

    @TempDir
    Path dir;

    private final ImagePreprocessor preprocessor = new ImagePreprocessor(
            InputSpec.imagenet(32, ResizePolicy.CENTER_CROP), ImageLimits.defaults());

    @Test
    void aSkippedImageLeavesEveryOtherImageInItsBatchAndItsBatchOneShorter() throws Exception {
        List<LabelledImage> images = images(6);
        truncate(images.get(2));
        truncate(images.get(5));
        List<String> skipped = new ArrayList<>();
        List<List<String>> batches = new ArrayList<>();
        try (BatchLoader loader = new BatchLoader(images, preprocessor, 2, false)) {
            Iterator<PreparedBatch> iterator = loader.batches(new int[] {4, 2, 0, 3, 5, 1}, 2, 1,
                    image -> skipped.add(image.image().id() + " " + image.reason()));
            while (iterator.hasNext()) {
                PreparedBatch batch = iterator.next();
                assertEquals(batch.size() * 3 * 32 * 32, batch.pixels().length);
                batches.add(batch.images().stream().map(LabelledImage::id).toList());
            }
        }
        assertEquals(List.of(List.of("4"), List.of("0", "3"), List.of("1")), batches);
        assertEquals(2, skipped.size());
        assertTrue(skipped.get(0).startsWith("2 the png image could not be decoded"), skipped.toString());
        assertTrue(skipped.get(1).startsWith("5 the png image could not be decoded"), skipped.toString());
    }

    @Test
    void theSurvivorsOfABatchGetTheirOwnTensorsAndLabels() throws Exception {
        List<LabelledImage> images = images(3);
        truncate(images.get(0));
        PreparedBatch whole;
        PreparedBatch shortened;
        try (BatchLoader loader = new BatchLoader(images, preprocessor, 2, false)) {
            whole = loader.batches(new int[] {1, 2}, 2, 1, image -> { }).next();
            shortened = loader.batches(new int[] {0, 1, 2}, 3, 1, image -> { }).next();
        }
        assertEquals(whole.images(), shortened.images());
        assertTrue(Arrays.equals(whole.pixels(), shortened.pixels()));
        assertTrue(Arrays.equals(whole.taskA(), shortened.taskA()));
        assertTrue(Arrays.equals(whole.source(), shortened.source()));
    }

    @Test
    void withoutASkipHandlerAnUndecodableImageEndsThePassNamingIt() throws Exception {
        List<LabelledImage> images = images(2);
        truncate(images.get(1));
        try (BatchLoader loader = new BatchLoader(images, preprocessor, 2, false)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> loader.batches(new int[] {0, 1}, 2).next());
            assertTrue(e.getMessage().startsWith("image 1 was rejected: the png image could not be decoded"),
                    e.getMessage());
        }
    }

    @Test
    void pastTheAllowedSharePassStopsWithTheCountTheShareAndTheOption() throws Exception {
        List<LabelledImage> images = images(4);
        truncate(images.get(1));
        truncate(images.get(3));
        SkippedImages skips = new SkippedImages("train epoch 3/9", "training images", 4, 0.25);
        try (BatchLoader loader = new BatchLoader(images, preprocessor, 2, false)) {
            Iterator<PreparedBatch> batches = loader.batches(new int[] {0, 1, 2, 3}, 2, 3, skips);
            assertEquals(1, batches.next().size());
            IllegalStateException e = assertThrows(IllegalStateException.class, batches::next);
            assertTrue(e.getMessage().startsWith("train epoch 3/9: 2 of 4 training images (50.0%) did not decode, "
                    + "more than --max-skipped-share 0.25 allows (25.0%); e.g. 1: the png image"), e.getMessage());
        }
        assertEquals(2, skips.count());
    }

    private List<LabelledImage> images(int count) throws Exception {
        List<LabelledImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 40; x++) {
                    image.setRGB(x, y, (i * 40 + x) * 977 + y * 131);
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            Path file = Files.write(dir.resolve(i + ".png"), png.toByteArray());
            SourceLabel label = SourceLabel.inHeadOrder().get(i % SourceLabel.count());
            images.add(new LabelledImage(Integer.toString(i), "g" + i, label, new FileLocation(file)));
        }
        return images;
    }

    private static void truncate(LabelledImage image) throws Exception {
        Path file = ((FileLocation) image.location()).path();
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
    }
}
