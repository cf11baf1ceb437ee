package dev.defactify.training.data.parquet;

import dev.defactify.training.data.InvalidDatasetException;
import dev.defactify.training.data.Split;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One parquet file of a dataset and the split its name declares. Hugging Face names shards
 * {@code {train,validation,test}-NNNNN-of-NNNNN.parquet}; a shard named otherwise carries no split, and the dataset
 * then splits its rows by caption itself.
 *
 * @param split empty when the file name declares none
 */
public record ParquetShard(Path file, Optional<Split> split) {

    public static final String EXTENSION = ".parquet";

    /** Name prefixes of the published splits; "validation" is Hugging Face's word for our {@link Split#VAL}. */
    private static final List<String> PREFIXES = List.of("train", "validation", "valid", "val", "test");

    public String name() {
        return file.getFileName().toString();
    }

    /** The file's name without {@code .parquet}: the folder its extracted images go to. */
    String stem() {
        String name = name();
        return name.substring(0, name.length() - EXTENSION.length());
    }

    static ParquetShard of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix + "-") || name.startsWith(prefix + "_") || name.equals(prefix + EXTENSION)) {
                Split split = switch (prefix) {
                    case "train" -> Split.TRAIN;
                    case "test" -> Split.TEST;
                    default -> Split.VAL;
                };
                return new ParquetShard(file, Optional.of(split));
            }
        }
        return new ParquetShard(file, Optional.empty());
    }

    /**
     * The shards of a dataset folder: {@code DIR/data/*.parquet} as the Hugging Face repository lays them out, or
     * {@code DIR/*.parquet} for a flat copy; sorted by name so every machine reads rows in the same order.
     */
    public static List<ParquetShard> find(Path dir) {
        Path data = dir.resolve("data");
        List<Path> files = Files.isDirectory(data) ? list(data) : List.of();
        if (files.isEmpty()) {
            files = list(dir);
        }
        return files.stream().map(ParquetShard::of).toList();
    }

    /** Whether a folder holds shards this loader reads (used to pick the layout of a dataset folder). */
    public static boolean present(Path dir) {
        return !find(dir).isEmpty();
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children
                    .filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(EXTENSION))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Either every shard names its split or none does: a half-named set would silently lose or mix rows. */
    static boolean allSplitsNamed(Path dir, List<ParquetShard> shards) {
        long named = shards.stream().filter(s -> s.split().isPresent()).count();
        if (named != 0 && named != shards.size()) {
            throw new InvalidDatasetException("parquet shards under " + dir + " mix split names ("
                    + shards.stream().filter(s -> s.split().isPresent()).map(ParquetShard::name).toList()
                    + ") with unnamed ones ("
                    + shards.stream().filter(s -> s.split().isEmpty()).map(ParquetShard::name).toList()
                    + "); name all shards {train,validation,test}-*.parquet or none");
        }
        return named == shards.size();
    }
}
