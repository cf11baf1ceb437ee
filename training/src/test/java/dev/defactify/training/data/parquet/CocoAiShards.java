package dev.defactify.training.data.parquet;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/** Writes small parquet shards in the published MS COCOAI schema, with DuckDB, for tests. */
final class CocoAiShards {

    /** One row as the dataset stores it; nulls are written as SQL NULL. */
    record Row(String caption, byte[] image, String path, Long labelA, Long labelB) {
        static Row of(String caption, byte[] image, long labelB) {
            return new Row(caption, image, caption.hashCode() + "-" + labelB + ".png", labelB > 0 ? 1L : 0L, labelB);
        }
    }

    private CocoAiShards() {
    }

    /** Writes rows in the exact published schema: Caption VARCHAR, Image STRUCT(bytes BLOB, path VARCHAR), labels BIGINT. */
    static Path write(Path file, List<Row> rows) {
        return write(file, rows, "\"Caption\", {'bytes': img, 'path': name} AS \"Image\", \"Label_A\", \"Label_B\"");
    }

    /** Writes rows with a custom projection over the temp table (caption, img, name, Label_A, Label_B), to break the schema. */
    static Path write(Path file, List<Row> rows, String projection) {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = duckdb.createStatement()) {
                s.execute("CREATE TEMP TABLE rows (\"Caption\" VARCHAR, img BLOB, name VARCHAR, \"Label_A\" BIGINT, "
                        + "\"Label_B\" BIGINT)");
            }
            try (PreparedStatement insert = duckdb.prepareStatement("INSERT INTO rows VALUES (?, ?, ?, ?, ?)")) {
                for (Row row : rows) {
                    insert.setString(1, row.caption());
                    if (row.image() == null) {
                        insert.setNull(2, Types.BLOB);
                    } else {
                        insert.setBytes(2, row.image());
                    }
                    insert.setString(3, row.path());
                    setLong(insert, 4, row.labelA());
                    setLong(insert, 5, row.labelB());
                    insert.execute();
                }
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Statement s = duckdb.createStatement()) {
                s.execute("COPY (SELECT " + projection + " FROM rows) TO '" + file.toAbsolutePath()
                        + "' (FORMAT PARQUET)");
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot write test shard " + file, e);
        }
        return file;
    }

    private static void setLong(PreparedStatement insert, int index, Long value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.BIGINT);
        } else {
            insert.setLong(index, value);
        }
    }

    /** Six rows per caption, labels 0..5, all PNG of one size with random pixels: nothing but content differs. */
    static List<Row> captions(int count, String prefix, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            String caption = prefix + " caption " + c;
            for (long label = 0; label < 6; label++) {
                rows.add(Row.of(caption, noisePng(32, 32, random, (int) label), label));
            }
        }
        return rows;
    }

    /** Random pixels tinted by label, so a network has something learnable and byte sizes barely vary. */
    static byte[] noisePng(int width, int height, Random random, int tint) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Color base = Color.getHSBColor(tint / 6f, 0.8f, 0.8f);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = clamp(base.getRed() + random.nextInt(64) - 32);
                int g = clamp(base.getGreen() + random.nextInt(64) - 32);
                int b = clamp(base.getBlue() + random.nextInt(64) - 32);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return encode(image, "png");
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
