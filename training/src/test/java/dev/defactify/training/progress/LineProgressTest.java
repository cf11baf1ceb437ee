package dev.defactify.training.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineProgressTest {

    private final FakeClock clock = new FakeClock();
    private final CapturedOutput output = new CapturedOutput();

    private Progress start(Duration interval, long total) {
        return ProgressReporter.lines(output.stream(), interval, clock).start("train epoch 3/10", total, "images");
    }

    @Test
    void printsAtMostOneLinePerIntervalNotOnePerStep() {
        Progress progress = start(Duration.ofSeconds(30), 1000);
        for (int i = 0; i < 1000; i++) {
            clock.advanceMillis(100);
            progress.step(1);
        }

        List<String> lines = output.lines();
        assertEquals(3, lines.size(), output.text());
        assertTrue(lines.get(0).startsWith("train epoch 3/10  30% 300/1000 images  10.0 images/s  ETA 1m10s"),
                lines.get(0));
        assertTrue(lines.get(2).contains(" 900/1000 "), lines.get(2));
    }

    @Test
    void aShortTaskPrintsOnlyItsSummary() {
        Progress progress = start(Duration.ofSeconds(30), 100);
        for (int i = 0; i < 100; i++) {
            clock.advanceMillis(100);
            progress.step(1);
        }
        progress.close();

        assertEquals(List.of("train epoch 3/10  done 100/100 images in 10s  10.0 images/s"), output.lines());
    }

    @Test
    void lineCarriesThroughputEtaAndLatestFields() {
        Progress progress = start(Duration.ofSeconds(10), 1200);
        progress.step(0, Map.of("loss", "0.900"));
        clock.advanceMillis(14_130);
        progress.step(540, Map.of("loss", "0.412"));

        assertEquals(List.of("train epoch 3/10  45% 540/1200 images  38.2 images/s  ETA 17s  elapsed 14s  loss=0.412"),
                output.lines());
    }

    @Test
    void closeAlwaysPrintsTheFinalLineOnce() {
        Progress progress = start(Duration.ofSeconds(30), 1200);
        clock.advanceMillis(1_000);
        progress.step(10, Map.of("loss", "1.5"));
        progress.close();
        progress.close();

        assertEquals(List.of("train epoch 3/10  stopped at 10/1200 images (0%) after 1s  10.0 images/s  loss=1.5"),
                output.lines());
    }

    @Test
    void misuseIsRejected() {
        Progress progress = start(Duration.ofSeconds(30), 10);
        assertThrows(IllegalArgumentException.class, () -> progress.step(-1));
        progress.close();
        assertThrows(IllegalStateException.class, () -> progress.step(1));
        assertThrows(IllegalArgumentException.class,
                () -> ProgressReporter.lines(output.stream()).start("t", -1, "images"));
    }

    @Test
    void snapshotReflectsStepsSoFar() {
        Progress progress = start(Duration.ofSeconds(30), 10);
        clock.advanceMillis(2_000);
        progress.step(4, Map.of("loss", "0.7"));

        ProgressSnapshot snapshot = progress.snapshot();
        assertEquals(4, snapshot.done());
        assertEquals(Duration.ofSeconds(2), snapshot.elapsed());
        assertEquals(Map.of("loss", "0.7"), snapshot.fields());
    }

    @Test
    void defaultIntervalIsThirtySeconds() {
        ProgressReporter reporter = ProgressReporter.lines(output.stream());

        assertEquals(Duration.ofSeconds(30), ((LineReporter) reporter).interval());
    }
}
