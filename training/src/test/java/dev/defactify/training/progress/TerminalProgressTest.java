package dev.defactify.training.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    private final FakeClock clock = new FakeClock();
    private final CapturedOutput output = new CapturedOutput();

    /** A fixed width keeps the library from probing a terminal that a test run does not have. */
    private final ProgressReporter reporter =
            new TerminalReporter(output.stream(), () -> new ConsoleProgressBarConsumer(output.stream(), 160), clock);

    @Test
    void barShowsCountsAndFieldsThenTheSummaryFollows() {
        Progress progress = reporter.start("eval", 10, "images");
        clock.advanceMillis(1_500);
        progress.step(3, Map.of("loss", "0.5"));
        progress.close();

        String text = output.text();
        assertTrue(text.contains("eval"), text);
        assertTrue(text.contains("3/10 images"), text);
        assertTrue(text.contains("/s loss=0.5"), text);
        // Even when closed before the library's first redraw, the summary gets a line of its own.
        List<String> lines = output.lines();
        assertEquals("eval  stopped at 3/10 images (30%) after 2s  2.0 images/s  loss=0.5", lines.getLast());
    }

    @Test
    void closingTwicePrintsOneSummary() {
        Progress progress = reporter.start("eval", 2, "images");
        progress.step(2);
        progress.close();
        progress.close();

        long summaries = output.lines().stream().filter(line -> line.contains("done 2/2 images")).count();
        assertEquals(1, summaries, output.text());
    }
}
