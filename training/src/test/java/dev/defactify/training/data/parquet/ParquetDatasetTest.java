package dev.defactify.training.data.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.label.SourceLabel;
import dev.defactify.training.data.Datasets;
import dev.defactify.training.data.GroupSplit;
import dev.defactify.training.data.ImageDataset;
import dev.defactify.training.data.InvalidDatasetException;
import dev.defactify.training.data.LabelledImage;
import dev.defactify.training.data.Split;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetDatasetTest {

    @TempDir
    Path dir;

    @Test
    void opensPublishedSplitsThroughDatasetsAndKeepsEachCaptionTogether() throws Exception {
        CocoAiShards.write(dir.resolve("data/train-00000-of-00002.parquet"), CocoAiShards.captions(3, "train a", 1));
        CocoAiShards.write(dir.resolve("data/train-00001-of-00002.parquet"), CocoAiShards.captions(2, "train b", 2));
        CocoAiShards.write(dir.resolve("data/validation-00000-of-00001.parquet"), CocoAiShards.captions(2, "val", 3));
        CocoAiShards.write(dir.resolve("data/test-00000-of-00001.parquet"), CocoAiShards.captions(1, "test", 4));

        ImageDataset dataset = Datasets.open(dir);

        ParquetDataset parquet = assertInstanceOf(ParquetDataset.class, dataset);
        assertTrue(parquet.publishedSplits());
        assertEquals(30, dataset.images(Split.TRAIN).size());
        assertEquals(12, dataset.images(Split.VAL).size());
        assertEquals(6, dataset.images(Split.TEST).size());
        for (SourceLabel label : SourceLabel.inHeadOrder()) {
            assertEquals(5, dataset.counts().count(Split.TRAIN, label), label.slug());
        }
        Map<String, List<LabelledImage>> byGroup = dataset.images(Split.TRAIN).stream()
                .collect(Collectors.groupingBy(LabelledImage::group));
        assertEquals(5, byGroup.size(), "one group per caption");
        byGroup.values().forEach(group -> assertEquals(Set.copyOf(SourceLabel.inHeadOrder()),
                group.stream().map(LabelledImage::label).collect(Collectors.toSet())));
        LabelledImage first = dataset.images(Split.TRAIN).getFirst();
        assertEquals("train-00000-of-00002.parquet#0", first.id());
        assertArrayEquals(CocoAiShards.captions(3, "train a", 1).getFirst().image(), first.read());
        assertEquals(0, parquet.loadReport().skipped());
        assertTrue(dataset.describe().contains("48 rows, 48 used"), dataset.describe());
    }

    @Test
    void secondOpenReusesTheExtractedImages() throws Exception {
        CocoAiShards.write(dir.resolve("train-0.parquet"), CocoAiShards.captions(2, "c", 1));
        ParquetDataset.open(dir);
        Path index = dir.resolve(ParquetDataset.DEFAULT_CACHE).resolve("train-0").resolve(ShardExtraction.INDEX);
        var written = Files.getLastModifiedTime(index);
        Thread.sleep(20);
        ParquetDataset again = ParquetDataset.open(dir);
        assertEquals(written, Files.getLastModifiedTime(index), "the index was rewritten: images extracted twice");
        assertEquals(12, again.images(Split.TRAIN).size());
    }

    @Test
    void missingColumnIsNamedInOneMessage() {
        Path shard = CocoAiShards.write(dir.resolve("train-0.parquet"), CocoAiShards.captions(1, "c", 1),
                "\"Caption\", {'bytes': img, 'path': name} AS \"Image\", \"Label_A\"");
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> ParquetDataset.open(dir));
        assertTrue(e.getMessage().contains(shard + " lacks column Label_B"), e.getMessage());
    }

    @Test
    void wronglyTypedColumnIsNamedWithItsType() {
        CocoAiShards.write(dir.resolve("train-0.parquet"), CocoAiShards.captions(1, "c", 1),
                "\"Caption\", {'bytes': img, 'path': name} AS \"Image\", \"Label_A\", CAST(\"Label_B\" AS VARCHAR) AS \"Label_B\"");
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> ParquetDataset.open(dir));
        assertTrue(e.getMessage().contains("column Label_B has type VARCHAR but must be an integer"), e.getMessage());
    }

    @Test
    void imageStoredAsPlainBlobInsteadOfStructIsRejected() {
        CocoAiShards.write(dir.resolve("train-0.parquet"), CocoAiShards.captions(1, "c", 1),
                "\"Caption\", img AS \"Image\", \"Label_A\", \"Label_B\"");
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> ParquetDataset.open(dir));
        assertTrue(e.getMessage().contains("column Image has type BLOB but must be STRUCT(bytes BLOB, path VARCHAR)"),
                e.getMessage());
    }

    @Test
    void imageStructWithoutBytesFieldIsRejected() {
        CocoAiShards.write(dir.resolve("train-0.parquet"), CocoAiShards.captions(1, "c", 1),
                "\"Caption\", {'data': img, 'path': name} AS \"Image\", \"Label_A\", \"Label_B\"");
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> ParquetDataset.open(dir));
        assertTrue(e.getMessage().contains("field 'bytes' is missing"), e.getMessage());
    }

    @Test
    void labelADisagreeingWithLabelBIsCountedAndSkipped() {
        List<CocoAiShards.Row> rows = new ArrayList<>(CocoAiShards.captions(2, "c", 1));
        CocoAiShards.Row real = rows.get(0);
        CocoAiShards.Row sdxl = rows.get(2);
        rows.set(0, new CocoAiShards.Row(real.caption(), real.image(), real.path(), 1L, 0L));
        rows.set(2, new CocoAiShards.Row(sdxl.caption(), sdxl.image(), sdxl.path(), 0L, 2L));
        CocoAiShards.write(dir.resolve("train-0.parquet"), rows);

        ParquetDataset dataset = ParquetDataset.open(dir);

        assertEquals(2, dataset.loadReport().count(RowStatus.LABEL_MISMATCH));
        assertEquals(10, dataset.images(Split.TRAIN).size());
        assertTrue(dataset.describe().contains("skipped 2 label-mismatch"), dataset.describe());
        assertTrue(dataset.describe().contains("train-0.parquet row 0: Label_A 1 contradicts Label_B 0"),
                dataset.describe());
    }

    @Test
    void unknownSourceCodeIsCountedAndSkipped() {
        List<CocoAiShards.Row> rows = new ArrayList<>(CocoAiShards.captions(1, "c", 1));
        CocoAiShards.Row row = rows.get(5);
        rows.set(5, new CocoAiShards.Row(row.caption(), row.image(), row.path(), 1L, 6L));
        CocoAiShards.write(dir.resolve("train-0.parquet"), rows);

        ParquetDataset dataset = ParquetDataset.open(dir);

        assertEquals(1, dataset.loadReport().count(RowStatus.UNKNOWN_SOURCE));
        assertEquals(5, dataset.images(Split.TRAIN).size());
    }

    @Test
    void corruptRowsAreSkippedWithCountAndRowNumber() {
        List<CocoAiShards.Row> rows = new ArrayList<>(CocoAiShards.captions(2, "c", 1));
        CocoAiShards.Row a = rows.get(1);
        CocoAiShards.Row b = rows.get(7);
        rows.set(1, new CocoAiShards.Row(a.caption(), null, a.path(), a.labelA(), a.labelB()));
        rows.set(7, new CocoAiShards.Row(b.caption(), "not an image at all".getBytes(StandardCharsets.UTF_8),
                b.path(), b.labelA(), b.labelB()));
        CocoAiShards.write(dir.resolve("train-0.parquet"), rows);

        ParquetDataset dataset = ParquetDataset.open(dir);

        assertEquals(1, dataset.loadReport().count(RowStatus.MISSING_IMAGE));
        assertEquals(1, dataset.loadReport().count(RowStatus.UNDECODABLE_IMAGE));
        assertEquals(10, dataset.images(Split.TRAIN).size());
        String description = dataset.describe();
        assertTrue(description.contains("train-0.parquet row 1: Image.bytes is null or empty"), description);
        assertTrue(description.contains("train-0.parquet row 7: Image.bytes (19 bytes) is not a readable image"),
                description);
    }

    @Test
    void aTruncatedPngWithAValidHeaderIsDecodedAtExtractionSkippedAndCounted() {
        List<CocoAiShards.Row> rows = new ArrayList<>(CocoAiShards.captions(2, "c", 1));
        CocoAiShards.Row whole = rows.get(3);
        byte[] truncated = Arrays.copyOf(whole.image(), whole.image().length / 2);
        rows.set(3, new CocoAiShards.Row(whole.caption(), truncated, whole.path(), whole.labelA(), whole.labelB()));
        CocoAiShards.write(dir.resolve("train-0.parquet"), rows);

        ParquetDataset dataset = ParquetDataset.open(dir);

        assertEquals(1, dataset.loadReport().count(RowStatus.UNDECODABLE_IMAGE));
        assertEquals(11, dataset.images(Split.TRAIN).size());
        assertTrue(dataset.images(Split.TRAIN).stream().noneMatch(image -> image.id().equals("train-0.parquet#3")));
        String description = dataset.describe();
        assertTrue(description.contains("12 rows, 11 used; skipped 1 undecodable-image"), description);
        assertTrue(description.contains("train-0.parquet row 3: Image.bytes (" + truncated.length
                + " bytes, a 32x32 png by its header) does not decode"), description);
        assertEquals(dataset.images(Split.TRAIN), ParquetDataset.open(dir).images(Split.TRAIN),
                "the extraction index remembers the verdict");
    }

    @Test
    void anExtractionIndexWrittenBeforeImagesWereDecodedIsNotTrusted() throws Exception {
        List<CocoAiShards.Row> rows = new ArrayList<>(CocoAiShards.captions(1, "c", 1));
        CocoAiShards.Row whole = rows.get(2);
        rows.set(2, new CocoAiShards.Row(whole.caption(), Arrays.copyOf(whole.image(), whole.image().length / 2),
                whole.path(), whole.labelA(), whole.labelB()));
        CocoAiShards.write(dir.resolve("train-0.parquet"), rows);
        ParquetDataset.open(dir);
        // what the first extraction format wrote for this shard: the same rows, the truncated one marked ok
        Path index = dir.resolve(ParquetDataset.DEFAULT_CACHE).resolve("train-0").resolve(ShardExtraction.INDEX);
        List<String> lines = new ArrayList<>(Files.readAllLines(index));
        lines.set(0, lines.get(0).replaceFirst("extraction \\d+ ", "extraction 1 "));
        lines.set(2 + 2, String.join("\t", "2", lines.get(4).split("\t")[1], "2.png", "1", "2", "ok", "png", "32",
                "32", lines.get(4).split("\t")[9]));
        Files.write(index.resolveSibling("2.png"), Arrays.copyOf(whole.image(), whole.image().length / 2));
        Files.write(index, lines);

        ParquetDataset dataset = ParquetDataset.open(dir);

        assertEquals(1, dataset.loadReport().count(RowStatus.UNDECODABLE_IMAGE));
        assertEquals(5, dataset.images(Split.TRAIN).size());
    }

    @Test
    void shardWithoutUsableRowsFailsClearly() {
        List<CocoAiShards.Row> rows = List.of(new CocoAiShards.Row("c", null, "x.png", 0L, 0L));
        CocoAiShards.write(dir.resolve("train-0.parquet"), rows);
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> ParquetDataset.open(dir));
        assertTrue(e.getMessage().contains("hold no usable image"), e.getMessage());
    }

    @Test
    void shardsWithoutSplitNamesAreSplitByCaptionWithoutSeparatingOne() {
        CocoAiShards.write(dir.resolve("part-0.parquet"), CocoAiShards.captions(20, "a", 1));
        CocoAiShards.write(dir.resolve("part-1.parquet"), CocoAiShards.captions(20, "b", 2));

        ParquetDataset dataset = ParquetDataset.open(dir, dir.resolve("cache"), GroupSplit.standard(7));

        assertTrue(!dataset.publishedSplits());
        Map<String, Split> seen = new HashMap<>();
        int total = 0;
        for (Split split : Split.values()) {
            total += dataset.images(split).size();
            for (LabelledImage image : dataset.images(split)) {
                Split earlier = seen.putIfAbsent(image.group(), split);
                assertTrue(earlier == null || earlier == split, "caption " + image.group() + " split apart");
            }
        }
        assertEquals(240, total);
        assertEquals(28 * 6, dataset.images(Split.TRAIN).size());
        assertEquals(6 * 6, dataset.images(Split.VAL).size());
        assertEquals(6 * 6, dataset.images(Split.TEST).size());
    }

    @Test
    void mixingNamedAndUnnamedShardsIsAnError() {
        CocoAiShards.write(dir.resolve("train-0.parquet"), CocoAiShards.captions(1, "a", 1));
        CocoAiShards.write(dir.resolve("extra.parquet"), CocoAiShards.captions(1, "b", 2));
        InvalidDatasetException e = assertThrows(InvalidDatasetException.class, () -> ParquetDataset.open(dir));
        assertTrue(e.getMessage().contains("mix split names"), e.getMessage());
    }

    @Test
    void headersAreKnownWithoutReadingTheImagesAgain() {
        Random random = new Random(3);
        CocoAiShards.write(dir.resolve("test-0.parquet"), List.of(
                CocoAiShards.Row.of("c", CocoAiShards.noisePng(40, 24, random, 0), 0)));
        ParquetDataset dataset = ParquetDataset.open(dir);
        LabelledImage image = dataset.images(Split.TEST).getFirst();
        var header = dataset.header(image).orElseThrow();
        assertEquals(40, header.width());
        assertEquals(24, header.height());
        assertEquals("png", header.format().slug());
        assertEquals(Set.of(), new HashSet<>(dataset.images(Split.TRAIN)));
    }
}
