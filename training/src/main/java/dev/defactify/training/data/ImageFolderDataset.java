package dev.defactify.training.data;

import dev.defactify.contract.label.SourceLabel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A dataset laid out as {@code ROOT/{train,val,test}/{label slug}/image.ext}, the layout people get by sorting
 * images into folders by hand. Without a manifest there is no scene information, so each file's name without
 * extension is its group: files of different classes rendered from one scene must share a name to stay together.
 * Every image is decoded once when the tree is scanned; those that do not decode are left out and counted in
 * {@link #decodeReport()}.
 */
public final class ImageFolderDataset implements ImageDataset {

    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "webp", "bmp", "gif");

    private final Path root;
    private final Map<Split, List<LabelledImage>> bySplit;
    private final DecodeReport decodeReport;

    private ImageFolderDataset(Path root, Map<Split, List<LabelledImage>> bySplit, DecodeReport decodeReport) {
        this.root = root;
        this.bySplit = bySplit;
        this.decodeReport = decodeReport;
    }

    /** Scans and decodes the whole tree now, so layout mistakes and broken files surface before training starts. */
    public static ImageFolderDataset open(Path root) {
        try (DecodeCheck check = DecodeCheck.standard()) {
            return open(root, check);
        }
    }

    public static ImageFolderDataset open(Path root, DecodeCheck check) {
        if (!Files.isDirectory(root)) {
            throw new InvalidDatasetException("dataset folder " + root + " does not exist or is not a folder");
        }
        Map<Split, List<LabelledImage>> bySplit = new EnumMap<>(Split.class);
        int total = 0;
        for (Split split : Split.values()) {
            List<LabelledImage> images = scanSplit(root, split);
            bySplit.put(split, images);
            total += images.size();
        }
        if (total == 0) {
            throw new InvalidDatasetException("no images found under " + root
                    + "; expected " + root + "/{train,val,test}/{" + String.join(",", SourceLabel.slugs())
                    + "}/*.{" + String.join(",", IMAGE_EXTENSIONS.stream().sorted().toList()) + "}");
        }
        DecodeCheck.Kept kept = check.keepDecodable(bySplit);
        if (kept.report().used() == 0) {
            throw new InvalidDatasetException("no image under " + root + " decodes: " + kept.report().summary());
        }
        return new ImageFolderDataset(root, kept.bySplit(), kept.report());
    }

    private static List<LabelledImage> scanSplit(Path root, Split split) {
        Path splitDir = root.resolve(split.folderName());
        if (!Files.isDirectory(splitDir)) {
            return List.of();
        }
        List<LabelledImage> images = new ArrayList<>();
        for (Path classDir : sortedChildren(splitDir)) {
            if (!Files.isDirectory(classDir) || isHidden(classDir)) {
                continue;
            }
            String folder = classDir.getFileName().toString();
            SourceLabel label = SourceLabel.findBySlug(folder).orElseThrow(() -> new InvalidDatasetException(
                    "unknown class folder " + classDir + "; class folders must be named one of "
                            + SourceLabel.slugs()));
            for (Path file : sortedChildren(classDir)) {
                if (Files.isRegularFile(file) && isImage(file)) {
                    String id = root.relativize(file).toString().replace('\\', '/');
                    images.add(new LabelledImage(id, stem(file), label, new FileLocation(file)));
                }
            }
        }
        return List.copyOf(images);
    }

    // Sorted so that two machines listing the same folder feed the same order into a seeded shuffle.
    private static List<Path> sortedChildren(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static boolean isHidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    @Override
    public List<LabelledImage> images(Split split) {
        return bySplit.get(split);
    }

    /** Images found and those left out because they did not decode. */
    public DecodeReport decodeReport() {
        return decodeReport;
    }

    @Override
    public String describe() {
        return "image folders under " + root + ": " + decodeReport.summary();
    }
}
