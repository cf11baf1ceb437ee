package dev.defactify.training.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
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
