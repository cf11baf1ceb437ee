package dev.defactify.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.image.BufferedImage;
import dev.defactify.training.data.parquet.ParquetDataset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train → evaluate --baseline on a folder of MS COCOAI-shaped parquet shards, through the real command line. */
class ParquetCliTest {

    @TempDir
    Path dir;

    @Test
    void trainsOneEpochOnParquetShardsAndWritesTheBaseline() throws Exception {
        Path data = dir.resolve("cocoai");
        // Real images are JPEG 48 px, generated ones PNG of a size per generator: the container leaks the label.
        writeShard(data.resolve("data/train-00000-of-00001.parquet"), "train", 4);
        writeShard(data.resolve("data/validation-00000-of-00001.parquet"), "val", 2);
        writeShard(data.resolve("data/test-00000-of-00001.parquet"), "test", 2);
        Path run = dir.resolve("run");

        assertEquals(0, TrainingCli.run("train", "--data", data.toString(), "--arch", "small", "--epochs", "1",
                "--out", run.toString(), "--input-size", "32", "--batch-size", "8", "--seed", "1", "--workers", "2"));
        assertEquals(0, TrainingCli.run("evaluate", "--run", run.toString(), "--baseline"));

        JsonNode report = new ObjectMapper().readTree(run.resolve("report/report.json").toFile());
        assertEquals(12, report.get("taskA").get("support").asInt());
        JsonNode baseline = new ObjectMapper().readTree(run.resolve("report/baseline.json").toFile());
        assertEquals(24, baseline.get("trainImages").asInt());
        assertEquals(12, baseline.get("testImages").asInt());
        assertTrue(baseline.get("taskA").get("accuracy").asDouble() > 0.99, baseline.toString());
        assertTrue(baseline.get("taskB").get("macroF1").asDouble() > 0.99, baseline.toString());
        assertTrue(baseline.get("dataset").asText().contains("published splits"), baseline.toString());
    }

    @Test
    void anImageThatStopsDecodingAfterPreparationIsSkippedInEveryEpochAndTheRunCompletes() throws Exception {
        Path data = preparedShardsWithOneTrainingImageTruncated();
        Path run = dir.resolve("run");

        String out = captureStdout(() -> assertEquals(0, TrainingCli.run("train", "--data", data.toString(),
                "--arch", "small", "--epochs", "2", "--out", run.toString(), "--input-size", "32", "--batch-size", "8",
                "--seed", "1", "--workers", "2", "--max-skipped-share", "0.05")));

        assertTrue(out.contains("skipped  epoch 1/2: 1 of 24 training images (4.2%) did not decode and were left "
                + "out (allowed: 5.0%, --max-skipped-share); e.g. train-00000-of-00001.parquet#3: the png image "
                + "could not be decoded"), out);
        assertTrue(out.contains("skipped  epoch 2/2: 1 of 24 training images"), out);
        JsonNode history = new ObjectMapper().readTree(run.resolve("run.json").toFile()).get("history");
        assertEquals(2, history.size());
        assertEquals(1, history.get(0).get("skippedImages").asInt());
        assertEquals(1, history.get(1).get("skippedImages").asInt());
    }

    @Test
    void moreUndecodableImagesThanTheAllowedShareStopTheRunWithOneLineNamingTheOption() throws Exception {
        Path data = preparedShardsWithOneTrainingImageTruncated();

        String err = captureStderr(() -> assertEquals(1, TrainingCli.run("train", "--data", data.toString(),
                "--arch", "small", "--epochs", "1", "--out", dir.resolve("run").toString(), "--input-size", "32",
                "--batch-size", "8", "--seed", "1", "--workers", "2")));

        List<String> errors = err.lines().filter(line -> line.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), err);
        assertTrue(errors.getFirst().startsWith("error: train epoch 1/1: 1 of 24 training images (4.2%) did not "
                + "decode, more than --max-skipped-share 0.01 allows (1.0%); e.g. train-00000-of-00001.parquet#3: the "
                + "png image could not be decoded"), err);
        assertFalse(err.contains("\tat "), err);
    }

    /** Shards extracted once, then one extracted training image (row 3, a PNG) cut in half on disk. */
    private Path preparedShardsWithOneTrainingImageTruncated() throws Exception {
        Path data = dir.resolve("cocoai");
        writeShard(data.resolve("data/train-00000-of-00001.parquet"), "train", 4);
        writeShard(data.resolve("data/validation-00000-of-00001.parquet"), "val", 2);
        writeShard(data.resolve("data/test-00000-of-00001.parquet"), "test", 2);
        ParquetDataset.open(data);
        Path extracted = data.resolve(ParquetDataset.DEFAULT_CACHE).resolve("train-00000-of-00001").resolve("3.png");
        byte[] whole = Files.readAllBytes(extracted);
        Files.write(extracted, Arrays.copyOf(whole, whole.length / 2));
        return data;
    }

    private static String captureStdout(Runnable action) {
        PrintStream original = System.out;
        return capture(action, System::setOut, original);
    }

    private static String captureStderr(Runnable action) {
        PrintStream original = System.err;
        return capture(action, System::setErr, original);
    }

    private static String capture(Runnable action, Consumer<PrintStream> redirect, PrintStream original) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        redirect.accept(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            redirect.accept(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static void writeShard(Path file, String split, int captions) throws Exception {
        Files.createDirectories(file.getParent());
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = duckdb.createStatement()) {
                s.execute("CREATE TEMP TABLE rows (caption VARCHAR, img BLOB, name VARCHAR, a BIGINT, b BIGINT)");
            }
            try (PreparedStatement insert = duckdb.prepareStatement("INSERT INTO rows VALUES (?, ?, ?, ?, ?)")) {
                for (int c = 0; c < captions; c++) {
                    for (int label = 0; label < 6; label++) {
                        insert.setString(1, split + " caption " + c);
                        insert.setBytes(2, image(label, c));
                        insert.setString(3, split + c + "-" + label);
                        insert.setLong(4, label > 0 ? 1 : 0);
                        insert.setLong(5, label);
                        insert.execute();
                    }
                }
            }
            try (Statement s = duckdb.createStatement()) {
                s.execute("COPY (SELECT caption AS \"Caption\", {'bytes': img, 'path': name} AS \"Image\", a AS \"Label_A\", "
                        + "b AS \"Label_B\" FROM rows) TO '" + file + "' (FORMAT PARQUET)");
            }
        }
    }

    private static byte[] image(int label, int variant) throws Exception {
        int side = label == 0 ? 48 : 32 + 32 * label;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Color colour = Color.getHSBColor(label / 6f + variant * 0.01f, 0.7f, 0.9f);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, ((x + y) % 7 == 0 ? colour.darker() : colour).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, label == 0 ? "jpeg" : "png", out);
        return out.toByteArray();
    }
}
