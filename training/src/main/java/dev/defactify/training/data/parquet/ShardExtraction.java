package dev.defactify.training.data.parquet;

import dev.defactify.contract.image.ImageHeader;
import dev.defactify.contract.image.ImageLimits;
import dev.defactify.contract.image.ImageProbe;
import dev.defactify.contract.image.ImageRejectedException;
import dev.defactify.contract.label.SourceLabel;
import dev.defactify.contract.util.Sha256;
import dev.defactify.training.data.DecodeCheck;
import dev.defactify.training.data.InvalidDatasetException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes each image of one shard to its own file in a cache folder, once, with an index of every row.
 *
 * <p>Why extract instead of reading rows from parquet on demand: training visits images in a fresh random order
 * every epoch, from several decoder threads. A parquet row can only be reached by decompressing its whole row group
 * (hundreds of images), so on-demand reads would cost a row group per image, or a cache of row groups in heap that
 * the 6.5 GB dataset does not fit. Extraction streams each shard through once (one row in memory at a time), after
 * which an image is a plain file read, the cache survives between runs, and the existing {@code FileLocation}
 * serves it. The cost is disk space equal to the dataset's size.
 *
 * <p>Every image is also decoded once here ({@link DecodeCheck}), a batch of rows at a time in parallel, so a file
 * whose header reads but whose data is cut short is marked {@link RowStatus#UNDECODABLE_IMAGE} in the index instead
 * of ending a training run at its first batch. Nothing decoded is kept.
 *
 * <p>The index ({@value #INDEX}) is written last and atomically, and records the shard's size and modification
 * time: a run killed mid-extraction or a replaced shard is extracted again rather than trusted.
 */
final class ShardExtraction {

    static final String INDEX = "rows.tsv";
    // 2: images are decoded, not only probed. An index of version 1 may call a truncated image ok, so it is redone.
    private static final String VERSION = "defactify-parquet-extraction 2";
    // Rows held in memory while their images decode in parallel: a few MB of encoded images for the MS COCOAI data.
    private static final int DECODE_BATCH = 64;

    private final ImageProbe probe = new ImageProbe(ImageLimits.defaults());
    private final DecodeCheck decodeCheck;

    ShardExtraction(DecodeCheck decodeCheck) {
        this.decodeCheck = decodeCheck;
    }

    /** One parquet row as read, before anything is decided about it. */
    private record Cells(String caption, byte[] image, Long labelA, Long labelB, long row) {
    }

    /** The shard's rows, extracting them into {@code cacheDir/<shard stem>/} unless a valid index is there. */
    List<ExtractedRow> extract(Connection duckdb, ParquetShard shard, Path cacheDir) throws IOException, SQLException {
        Path folder = cacheDir.resolve(shard.stem());
        Path index = folder.resolve(INDEX);
        String stamp = stamp(shard);
        Optional<List<ExtractedRow>> cached = readIndex(index, stamp);
        if (cached.isPresent()) {
            return cached.get();
        }
        CocoAiSchema.verify(duckdb, shard.file());
        Files.createDirectories(folder);
        List<ExtractedRow> rows = new ArrayList<>();
        String query = "SELECT \"Caption\", \"Image\".bytes AS image_bytes, \"Label_A\", \"Label_B\", file_row_number"
                + " FROM read_parquet(" + ParquetSql.literal(shard.file().toAbsolutePath().toString())
                + ", file_row_number = true)";
        try (Statement statement = duckdb.createStatement(); ResultSet result = statement.executeQuery(query)) {
            List<Cells> pending = new ArrayList<>(DECODE_BATCH);
            while (result.next()) {
                pending.add(new Cells(result.getString(1), result.getBytes(2), nullableLong(result, 3),
                        nullableLong(result, 4), result.getLong(5)));
                if (pending.size() == DECODE_BATCH) {
                    rows.addAll(extractRows(folder, pending));
                    pending.clear();
                }
            }
            rows.addAll(extractRows(folder, pending));
        }
        writeIndex(index, stamp, rows);
        return List.copyOf(rows);
    }

    private List<ExtractedRow> extractRows(Path folder, List<Cells> batch) throws IOException {
        List<Optional<String>> problems = decodeCheck.problems(batch, cells -> cells.image() == null
                ? new byte[0] : cells.image());
        List<ExtractedRow> rows = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Cells cells = batch.get(i);
            rows.add(extractRow(folder, cells.caption(), cells.image(), cells.labelA(), cells.labelB(), cells.row(),
                    problems.get(i).isEmpty()));
        }
        return rows;
    }

    private ExtractedRow extractRow(Path folder, String caption, byte[] image, Long labelA, Long labelB, long row,
                                    boolean decodes) throws IOException {
        // A missing caption still needs a group; the row's own number keeps it alone rather than merging all such rows.
        String group = caption == null ? "row-" + row : Sha256.of(caption.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
        long size = image == null ? 0 : image.length;
        if (image == null || image.length == 0) {
            return new ExtractedRow(row, group, null, labelA, labelB, RowStatus.MISSING_IMAGE, null, 0, 0, size);
        }
        ImageHeader header;
        try {
            header = probe.probe(image);
        } catch (ImageRejectedException e) {
            return new ExtractedRow(row, group, null, labelA, labelB, RowStatus.UNDECODABLE_IMAGE, null, 0, 0, size);
        }
        String format = header.format().slug();
        if (!decodes) {
            // the header is kept: "a 640x480 png that does not decode" says more than "not an image"
            return new ExtractedRow(row, group, null, labelA, labelB, RowStatus.UNDECODABLE_IMAGE, format,
                    header.width(), header.height(), size);
        }
        Optional<SourceLabel> source = labelB == null ? Optional.empty() : CocoAiLabels.source(labelB);
        RowStatus status = source.isEmpty() ? RowStatus.UNKNOWN_SOURCE
                : labelA == null || !CocoAiLabels.agrees(labelA, source.get()) ? RowStatus.LABEL_MISMATCH
                : RowStatus.OK;
        String file = null;
        if (status == RowStatus.OK) {
            file = row + "." + format;
            Files.write(folder.resolve(file), image);
        }
        return new ExtractedRow(row, group, file, labelA, labelB, status, format, header.width(), header.height(), size);
    }

    private static Long nullableLong(ResultSet result, int column) throws SQLException {
        long value = result.getLong(column);
        return result.wasNull() ? null : value;
    }

    // Size and modification time identify a shard well enough for a cache: re-downloads and edits change one of them.
    private static String stamp(ParquetShard shard) throws IOException {
        return VERSION + " shard=" + shard.name() + " bytes=" + Files.size(shard.file())
                + " modified=" + Files.getLastModifiedTime(shard.file()).toMillis();
    }

    private static Optional<List<ExtractedRow>> readIndex(Path index, String stamp) throws IOException {
        if (!Files.isRegularFile(index)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(index, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !lines.get(0).equals("# " + stamp) || !lines.get(1).equals(ExtractedRow.HEADER)) {
            return Optional.empty();
        }
        List<ExtractedRow> rows = new ArrayList<>(lines.size() - 2);
        for (int i = 2; i < lines.size(); i++) {
            try {
                rows.add(ExtractedRow.parse(lines.get(i)));
            } catch (IllegalArgumentException e) {
                throw new InvalidDatasetException("extraction index " + index + " line " + (i + 1) + " is damaged ("
                        + e.getMessage() + "); delete " + index.getParent() + " to extract the shard again", e);
            }
        }
        for (ExtractedRow row : rows) {
            if (row.imageFile() != null && !Files.isRegularFile(index.resolveSibling(row.imageFile()))) {
                return Optional.empty(); // someone cleaned part of the cache: extract again
            }
        }
        return Optional.of(List.copyOf(rows));
    }

    private static void writeIndex(Path index, String stamp, List<ExtractedRow> rows) throws IOException {
        Path partial = index.resolveSibling(INDEX + ".partial");
        try (BufferedWriter writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            writer.write("# " + stamp);
            writer.newLine();
            writer.write(ExtractedRow.HEADER);
            writer.newLine();
            for (ExtractedRow row : rows) {
                writer.write(row.toLine());
                writer.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + partial, e);
        }
        Files.move(partial, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
