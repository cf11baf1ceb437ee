package dev.defactify.training.data.demo;

import dev.defactify.contract.label.SourceLabel;
import dev.defactify.training.data.ManifestRow;
import dev.defactify.training.data.Split;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Writes a small synthetic stand-in for the MS COCOAI dataset: every scene is rendered once as a "photograph" and
 * re-rendered by each of the five generators, as COCOAI pairs each COCO caption with five generated images.
 * Output: {@code OUT/{train,val,test}/{slug}/scene-NNNNNN.png} and {@code OUT/manifest.csv}. The same seed gives
 * byte-identical files whatever the number of threads.
 */
public final class DemoDataGenerator {

    /** Scenes (= images per class) the command line uses unless told otherwise. */
    public static final int DEFAULT_SCENES_PER_CLASS = 200;

    public DemoDataReport generate(Path outDir, int perClass, long seed) {
        return generate(outDir, perClass, seed, false);
    }

    /**
     * @param perClass  number of scenes, which is also the number of images of each class; at least 3
     * @param overwrite replace a dataset already in {@code outDir}; only its split folders and manifest are
     *                  deleted, anything else there is left alone
     */
    public DemoDataReport generate(Path outDir, int perClass, long seed, boolean overwrite) {
        if (perClass < 3) {
            throw new IllegalArgumentException("perClass must be at least 3 (one scene per split) but was "
                    + perClass);
        }
        long start = System.nanoTime();
        List<DemoScene> scenes = ScenePlanner.plan(perClass, seed);
        prepare(outDir, overwrite);
        List<List<ManifestRow>> perScene = scenes.parallelStream().map(scene -> render(outDir, scene)).toList();
        List<ManifestRow> rows = new ArrayList<>();
        scenes.stream().sorted(ScenePlanner.bySplitThenIndex()).forEach(scene -> rows.addAll(perScene.get(scene.index())));
        // The manifest is written last: a run that dies half-way leaves no manifest that vouches for missing files.
        Path manifest = outDir.resolve(ManifestRow.FILE_NAME);
        writeManifest(manifest, rows);
        return new DemoDataReport(outDir, manifest, perClass, rows.size(), Duration.ofNanos(System.nanoTime() - start));
    }

    private static void prepare(Path outDir, boolean overwrite) {
        try {
            if (Files.exists(outDir) && !isEmptyDirectory(outDir)) {
                if (!overwrite) {
                    throw new IllegalArgumentException("output folder " + outDir
                            + " is not empty; choose another folder or allow overwriting");
                }
                for (Split split : Split.values()) {
                    deleteTree(outDir.resolve(split.folderName()));
                }
                Files.deleteIfExists(outDir.resolve(ManifestRow.FILE_NAME));
            }
            for (Split split : Split.values()) {
                for (SourceLabel label : SourceLabel.inHeadOrder()) {
                    Files.createDirectories(outDir.resolve(split.folderName()).resolve(label.slug()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + outDir, e);
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("output path " + dir + " exists and is not a folder");
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> deepestFirst;
        try (Stream<Path> walk = Files.walk(dir)) {
            deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : deepestFirst) {
            Files.delete(path);
        }
    }

    /** Paints the scene once, then lets each source leave its trace on its own copy. */
    private static List<ManifestRow> render(Path outDir, DemoScene scene) {
        SceneRecipe recipe = SceneRecipes.draw(new SplittableRandom(scene.seed()), scene.width(), scene.height());
        RgbCanvas clean = ScenePainter.paint(recipe);
        List<ManifestRow> rows = new ArrayList<>(SourceLabel.count());
        for (SourceLabel label : SourceLabel.inHeadOrder()) {
            SplittableRandom random = new SplittableRandom(Seeds.mix(scene.seed(), label.index() + 1));
            RgbCanvas image = Fingerprint.of(label).apply(clean, random);
            String path = scene.split().folderName() + "/" + label.slug() + "/" + scene.id() + ".png";
            PngFiles.write(image, outDir.resolve(path));
            rows.add(new ManifestRow(path, scene.split(), label, scene.id()));
        }
        return rows;
    }

    private static void writeManifest(Path manifest, List<ManifestRow> rows) {
        // '\n' on every platform: the same seed must give the same bytes on Windows too.
        StringBuilder csv = new StringBuilder(ManifestRow.header()).append('\n');
        rows.forEach(row -> csv.append(row.toCsvLine()).append('\n'));
        try {
            Files.writeString(manifest, csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + manifest, e);
        }
    }
}
