package dev.defactify.training.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ProgressFormatTest {

    private static ProgressSnapshot snapshot(long done, long total, Duration elapsed, Map<String, String> fields) {
        return new ProgressSnapshot("train epoch 3/10", done, total, "images", elapsed, new TreeMap<>(fields));
    }

    @Test
    void progressLineShowsPercentCountsRateEtaElapsedAndFields() {
        ProgressSnapshot snapshot = snapshot(540, 1200, Duration.ofMillis(14_130), Map.of("loss", "0.412"));

        assertEquals("train epoch 3/10  45% 540/1200 images  38.2 images/s  ETA 17s  elapsed 14s  loss=0.412",
                ProgressFormat.progressLine(snapshot));
    }

    @Test
    void unknownRateAndEtaShowAsQuestionMarks() {
        assertEquals("train epoch 3/10  0% 0/1200 images  ? images/s  ETA ?  elapsed 0s",
                ProgressFormat.progressLine(snapshot(0, 1200, Duration.ZERO, Map.of())));
    }

    @Test
    void summarySaysDoneWhenComplete() {
        ProgressSnapshot snapshot = snapshot(1200, 1200, Duration.ofSeconds(31), Map.of("loss", "0.398"));

        assertEquals("train epoch 3/10  done 1200/1200 images in 31s  38.7 images/s  loss=0.398",
                ProgressFormat.summaryLine(snapshot));
    }

    @Test
    void summarySaysWhereAnInterruptedTaskStopped() {
        ProgressSnapshot snapshot = snapshot(540, 1200, Duration.ofSeconds(15), Map.of());

        assertEquals("train epoch 3/10  stopped at 540/1200 images (45%) after 15s  36.0 images/s",
                ProgressFormat.summaryLine(snapshot));
    }

    @Test
    void percentIsFlooredSoHundredMeansComplete() {
        String line = ProgressFormat.progressLine(snapshot(1199, 1200, Duration.ofSeconds(1), Map.of()));

        assertEquals("99%", line.split("  ")[1].split(" ")[0]);
    }

    @Test
    void fieldsAreJoinedInNameOrder() {
        assertEquals("acc=0.93 loss=0.412", ProgressFormat.fields(new TreeMap<>(Map.of("loss", "0.412", "acc", "0.93"))));
    }

    @Test
    void durationsAreRoundedToWholeSecondsAndGrouped() {
        assertEquals("0s", ProgressFormat.duration(Duration.ofMillis(499)));
        assertEquals("17s", ProgressFormat.duration(Duration.ofMillis(16_500)));
        assertEquals("2m05s", ProgressFormat.duration(Duration.ofSeconds(125)));
        assertEquals("1h02m03s", ProgressFormat.duration(Duration.ofSeconds(3723)));
        assertEquals("0s", ProgressFormat.duration(Duration.ofSeconds(-5)));
    }
}
