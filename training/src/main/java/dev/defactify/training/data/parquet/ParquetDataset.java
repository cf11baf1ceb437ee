package dev.defactify.training.data.parquet;

import dev.defactify.contract.image.ImageFormat;
import dev.defactify.contract.image.ImageHeader;
import dev.defactify.contract.label.SourceLabel;
import dev.defactify.training.data.DecodeCheck;
import dev.defactify.training.data.FileLocation;
import dev.defactify.training.data.GroupSplit;
import dev.defactify.training.data.ImageDataset;
import dev.defactify.training.data.InvalidDatasetException;
import dev.defactify.training.data.LabelledImage;
import dev.defactify.training.data.Split;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The MS COCOAI dataset as published on Hugging Face ({@code Rajarshi-Roy-research/Defactify_Image_Dataset}):
 * parquet shards with {@code Caption}, {@code Image{bytes, path}}, {@code Label_A} and {@code Label_B}.
 *
 * <p>Opening extracts every shard's images into a cache folder once (see {@link ShardExtraction} for why), checking
 * each shard's schema first. Shards named {@code train/validation/test-*} give the published splits; otherwise
 * rows are split 70/15/15 by caption with {@link GroupSplit}. Every image's group is a hash of its caption, so the
 * real photograph and its five generations always stay in one split. Rows without a usable image (missing, or not
 * decoding: every image is decoded once at extraction) or with inconsistent labels are skipped and counted in
 * {@link #loadReport()}.
 */
public final class ParquetDataset implements ImageDataset {

    /** Cache folder used when none is given: hidden, beside the shards, so it travels with the dataset copy. */
    public static final String DEFAULT_CACHE = ".defactify-images";

    private final Path root;
    private final boolean publishedSplits;
    private final int shardCount;
    private final Map<Split, List<LabelledImage>> bySplit;
    private final Map<String, ImageHeader> headers;
    private final ParquetLoadReport report;

    private ParquetDataset(Path root, boolean publishedSplits, int shardCount, Map<Split, List<LabelledImage>> bySplit,
                           Map<String, ImageHeader> headers, ParquetLoadReport report) {
        this.root = root;
        this.publishedSplits = publishedSplits;
        this.shardCount = shardCount;
        this.bySplit = bySplit;
        this.headers = headers;
        this.report = report;
    }

    public static ParquetDataset open(Path root) {
        try (DecodeCheck check = DecodeCheck.standard()) {
            return open(root, check);
        }
    }

    public static ParquetDataset open(Path root, DecodeCheck check) {
        return open(root, root.resolve(DEFAULT_CACHE), GroupSplit.standard(GroupSplit.DEFAULT_SEED), check);
    }

    public static ParquetDataset open(Path root, Path cacheDir, GroupSplit unsplitDivision) {
        try (DecodeCheck check = DecodeCheck.standard()) {
            return open(root, cacheDir, unsplitDivision, check);
        }
    }

    /**
     * @param cacheDir        where extracted images and their index go (created if needed)
     * @param unsplitDivision how to split rows of shards whose names declare no split
     * @param check           decodes each image once, when its shard is extracted
     */
    public static ParquetDataset open(Path root, Path cacheDir, GroupSplit unsplitDivision, DecodeCheck check) {
        List<ParquetShard> shards = ParquetShard.find(root);
        if (shards.isEmpty()) {
            throw new InvalidDatasetException("no parquet shards under " + root + " or " + root.resolve("data")
                    + "; expected {train,validation,test}-*.parquet");
        }
        boolean published = ParquetShard.allSplitsNamed(root, shards);
        ShardExtraction extraction = new ShardExtraction(check);
        Map<Split, List<LabelledImage>> bySplit = new EnumMap<>(Split.class);
        List<LabelledImage> unsplit = new ArrayList<>();
        Map<String, ImageHeader> headers = new HashMap<>();
        Map<RowStatus, Long> counts = new EnumMap<>(RowStatus.class);
        Map<String, Set<Split>> captionSplits = new HashMap<>();
        List<String> examples = new ArrayList<>();
        long rows = 0;
        for (Split split : Split.values()) {
            bySplit.put(split, new ArrayList<>());
        }
        try (Connection duckdb = ParquetSql.open()) {
            for (ParquetShard shard : shards) {
                Path folder = cacheDir.resolve(shard.stem());
                for (ExtractedRow row : extraction.extract(duckdb, shard, cacheDir)) {
                    rows++;
                    counts.merge(row.status(), 1L, Long::sum);
                    if (row.status() != RowStatus.OK) {
                        if (examples.size() < ParquetLoadReport.MAX_EXAMPLES) {
                            examples.add(shard.name() + " row " + row.row() + ": " + describe(row));
                        }
                        continue;
                    }
                    SourceLabel label = row.source().orElseThrow();
                    String id = shard.name() + "#" + row.row();
                    LabelledImage image = new LabelledImage(id, row.captionHash(), label,
                            new FileLocation(folder.resolve(row.imageFile())));
                    headers.put(id, new ImageHeader(ImageFormat.valueOf(row.format().toUpperCase(Locale.ROOT)),
                            row.width(), row.height()));
                    if (shard.split().isPresent()) {
                        bySplit.get(shard.split().get()).add(image);
                        captionSplits.computeIfAbsent(row.captionHash(), c -> new HashSet<>()).add(shard.split().get());
                    } else {
                        unsplit.add(image);
                    }
                }
            }
        } catch (SQLException e) {
            throw new InvalidDatasetException("cannot read parquet shards under " + root + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract images of " + root + " into " + cacheDir, e);
        }
        if (!published) {
            bySplit = new EnumMap<>(unsplitDivision.apply(unsplit));
        }
        bySplit.replaceAll((split, images) -> List.copyOf(images));
        long leaks = captionSplits.values().stream().filter(splits -> splits.size() > 1).count();
        ParquetLoadReport report = new ParquetLoadReport(rows, counts, leaks, examples);
        if (report.count(RowStatus.OK) == 0) {
            throw new InvalidDatasetException("parquet shards under " + root + " hold no usable image: " + report.summary());
        }
        return new ParquetDataset(root, published, shards.size(), bySplit, Map.copyOf(headers), report);
    }

    private static String describe(ExtractedRow row) {
        return switch (row.status()) {
            case MISSING_IMAGE -> "Image.bytes is null or empty";
            case UNDECODABLE_IMAGE -> row.format() == null
                    ? "Image.bytes (" + row.byteSize() + " bytes) is not a readable image"
                    : "Image.bytes (" + row.byteSize() + " bytes, a " + row.width() + "x" + row.height() + " "
                    + row.format() + " by its header) does not decode";
            case UNKNOWN_SOURCE -> "Label_B " + row.labelB() + " is not a known source code 0..5";
            case LABEL_MISMATCH -> "Label_A " + row.labelA() + " contradicts Label_B " + row.labelB();
            case OK -> "ok";
        };
    }

    @Override
    public List<LabelledImage> images(Split split) {
        return bySplit.get(split);
    }

    /** Rows read and skipped, by reason. */
    public ParquetLoadReport loadReport() {
        return report;
    }

    /** Whether the splits are the published ones (from shard names) rather than made here by caption. */
    public boolean publishedSplits() {
        return publishedSplits;
    }

    /** Format and dimensions of a served image, known from extraction without reading the file again. */
    public Optional<ImageHeader> header(LabelledImage image) {
        return Optional.ofNullable(headers.get(image.id()));
    }

    @Override
    public String describe() {
        return "MS COCOAI parquet (" + shardCount + " shard(s) under " + root + ", "
                + (publishedSplits ? "published splits" : "split 70/15/15 by caption") + "): " + report.summary();
    }
}
