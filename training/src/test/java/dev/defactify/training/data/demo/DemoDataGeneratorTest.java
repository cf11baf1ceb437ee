package dev.defactify.training.data.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.label.SourceLabel;
import dev.defactify.training.data.ClassCounts;
import dev.defactify.training.data.ImageFolderDataset;
import dev.defactify.training.data.LabelledImage;
import dev.defactify.training.data.ManifestCsvDataset;
import dev.defactify.training.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataGeneratorTest {

    private static final int SCENES = 6;

    @TempDir
    static Path workspace;

    private static Path dataset;
    private static DemoDataReport report;

    @BeforeAll
    static void generate() {
        dataset = workspace.resolve("demo");
        report = new DemoDataGenerator().generate(dataset, SCENES, 42);
    }

    @Test
    void writesEveryClassOfEverySceneIntoItsSplit() {
        assertEquals(SCENES * SourceLabel.count(), report.images());
        ClassCounts counts = ManifestCsvDataset.open(dataset).counts();
        for (SourceLabel label : SourceLabel.inHeadOrder()) {
            assertEquals(4, counts.count(Split.TRAIN, label), label.slug());
            assertEquals(1, counts.count(Split.VAL, label), label.slug());
            assertEquals(1, counts.count(Split.TEST, label), label.slug());
            for (Split split : Split.values()) {
                assertTrue(Files.isDirectory(dataset.resolve(split.folderName()).resolve(label.slug())));
            }
        }
    }

    @Test
    void manifestListsEveryFileWithConsistentColumns() throws IOException {
        List<String> lines = Files.readAllLines(report.manifest());
        assertEquals("path,split,label,task_a,group", lines.getFirst());
        assertEquals(SCENES * SourceLabel.count() + 1, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            assertEquals(fields[1] + "/" + fields[2] + "/" + fields[4] + ".png", fields[0]);
            assertEquals(SourceLabel.ofSlug(fields[2]).taskALabel(), Integer.parseInt(fields[3]));
            assertTrue(Files.isRegularFile(dataset.resolve(fields[0])), fields[0]);
        }
        try (Stream<Path> files = Files.walk(dataset)) {
            assertEquals(SCENES * SourceLabel.count(), files.filter(f -> f.toString().endsWith(".png")).count());
        }
    }

    @Test
    void aScenesImagesShareOneSplitAndOneSize() {
        Map<String, List<LabelledImage>> byGroup = allImages().stream()
                .collect(Collectors.groupingBy(LabelledImage::group));
        assertEquals(SCENES, byGroup.size());
        for (List<LabelledImage> images : byGroup.values()) {
            assertEquals(SourceLabel.count(), images.size());
            assertEquals(1, images.stream().map(image -> image.id().split("/")[0]).distinct().count());
            assertEquals(1, images.stream().map(image -> {
                ImageComparison.Pixels pixels = ImageComparison.read(path(image));
                return pixels.width() + "x" + pixels.height();
            }).distinct().count());
        }
    }

    @Test
    void bothDatasetLayoutsReadTheSameImages() {
        for (Split split : Split.values()) {
            List<LabelledImage> fromManifest = ManifestCsvDataset.open(dataset).images(split);
            List<LabelledImage> fromFolders = ImageFolderDataset.open(dataset).images(split);
            assertEquals(summarise(fromManifest), summarise(fromFolders), split.folderName());
        }
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws Exception {
        Path again = workspace.resolve("again");
        Path other = workspace.resolve("other");
        new DemoDataGenerator().generate(again, SCENES, 42);
        new DemoDataGenerator().generate(other, SCENES, 43);

        Map<String, String> original = digests(dataset);
        assertEquals(original, digests(again));
        Map<String, String> images = imageDigestsBySceneAndLabel(original);
        Map<String, String> otherImages = imageDigestsBySceneAndLabel(digests(other));
        assertEquals(images.keySet(), otherImages.keySet());
        for (String key : images.keySet()) {
            assertNotEquals(images.get(key), otherImages.get(key), key);
        }
    }

    /** Keyed by label and scene only, since another seed may put a scene into another split. */
    private static Map<String, String> imageDigestsBySceneAndLabel(Map<String, String> digests) {
        return digests.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith(".png"))
                .collect(Collectors.toMap(entry -> entry.getKey().substring(entry.getKey().indexOf('/') + 1),
                        Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    @Test
    void generatorImagesStayCloseToThePhotographButMeasurablyDifferent() {
        Map<String, Map<SourceLabel, ImageComparison.Pixels>> scenes = new TreeMap<>();
        for (LabelledImage image : allImages()) {
            scenes.computeIfAbsent(image.group(), g -> new TreeMap<>())
                    .put(image.label(), ImageComparison.read(path(image)));
        }
        for (Map.Entry<String, Map<SourceLabel, ImageComparison.Pixels>> scene : scenes.entrySet()) {
            ImageComparison.Pixels real = scene.getValue().get(SourceLabel.REAL);
            ImageComparison.Pixels realResized = ImageComparison.resizeShorterSideAndCentreCrop(real, 224);
            for (SourceLabel label : SourceLabel.inHeadOrder()) {
                if (label == SourceLabel.REAL) {
                    continue;
                }
                ImageComparison.Pixels generated = scene.getValue().get(label);
                double psnr = ImageComparison.psnr(real, generated);
                assertTrue(psnr >= 30, scene.getKey() + " " + label.slug() + " PSNR " + psnr);
                // Measured after the training resize: a trace that the resize erases cannot be learnt.
                double difference = ImageComparison.meanAbsoluteDifference(realResized,
                        ImageComparison.resizeShorterSideAndCentreCrop(generated, 224));
                assertTrue(difference > 0.5, scene.getKey() + " " + label.slug() + " differs by " + difference);
            }
        }
    }

    @Test
    void refusesTooFewScenesAndNonEmptyFolders() {
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class,
                () -> new DemoDataGenerator().generate(workspace.resolve("tiny"), 2, 1));
        assertTrue(tooFew.getMessage().contains("at least 3"), tooFew.getMessage());
        assertFalse(Files.exists(workspace.resolve("tiny")), "nothing is written for a refused request");

        IllegalArgumentException occupied = assertThrows(IllegalArgumentException.class,
                () -> new DemoDataGenerator().generate(dataset, SCENES, 42));
        assertTrue(occupied.getMessage().contains("not empty"), occupied.getMessage());
    }

    @Test
    void overwriteReplacesAnEarlierDatasetButKeepsForeignFiles() throws IOException {
        Path target = workspace.resolve("overwrite");
        new DemoDataGenerator().generate(target, 5, 1);
        Files.writeString(target.resolve("README.txt"), "mine");

        new DemoDataGenerator().generate(target, 3, 2, true);

        assertEquals(3 * SourceLabel.count(), ManifestCsvDataset.open(target).counts().total());
        assertEquals(3 * SourceLabel.count(), ImageFolderDataset.open(target).counts().total());
        assertEquals("mine", Files.readString(target.resolve("README.txt")));
    }

    private static List<LabelledImage> allImages() {
        ManifestCsvDataset manifest = ManifestCsvDataset.open(dataset);
        return Stream.of(Split.values()).flatMap(split -> manifest.images(split).stream()).toList();
    }

    private static Path path(LabelledImage image) {
        return dataset.resolve(image.id());
    }

    private static List<String> summarise(List<LabelledImage> images) {
        return images.stream().map(image -> image.id() + "|" + image.group() + "|" + image.label()).sorted().toList();
    }

    private static Map<String, String> digests(Path root) throws Exception {
        Map<String, String> digests = new TreeMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String key = root.relativize(file).toString().replace('\\', '/');
                digests.put(key, HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file))));
            }
        }
        return digests;
    }
}
