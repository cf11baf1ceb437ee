package dev.defactify.training.progress;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders snapshots as single log lines, e.g.
 * {@code train epoch 3/10  45% 540/1200 images  38.2 images/s  ETA 17s  elapsed 14s  loss=0.412}.
 * Two spaces separate groups so the lines stay readable when grepped out of a long log.
 */
final class ProgressFormat {

    private static final String GAP = "  ";

    private ProgressFormat() {
    }

    static String progressLine(ProgressSnapshot snapshot) {
        StringBuilder line = new StringBuilder(snapshot.taskName())
                .append(GAP).append(percent(snapshot)).append("% ")
                .append(snapshot.done()).append('/').append(snapshot.total()).append(' ').append(snapshot.unit())
                .append(GAP).append(rate(snapshot))
                .append(GAP).append("ETA ").append(snapshot.eta().map(ProgressFormat::duration).orElse("?"))
                .append(GAP).append("elapsed ").append(duration(snapshot.elapsed()));
        return appendFields(line, snapshot.fields()).toString();
    }

    /** Says "done" or where the task stopped, so an interrupted loop is obvious in the log. */
    static String summaryLine(ProgressSnapshot snapshot) {
        StringBuilder line = new StringBuilder(snapshot.taskName()).append(GAP);
        String counts = snapshot.done() + "/" + snapshot.total() + " " + snapshot.unit();
        if (snapshot.finished()) {
            line.append("done ").append(counts).append(" in ");
        } else {
            line.append("stopped at ").append(counts).append(" (").append(percent(snapshot)).append("%) after ");
        }
        line.append(duration(snapshot.elapsed())).append(GAP).append(rate(snapshot));
        return appendFields(line, snapshot.fields()).toString();
    }

    /** {@code loss=0.412 acc=0.93}, or empty. */
    static String fields(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + field.getValue())
                .collect(Collectors.joining(" "));
    }

    /** Whole seconds, rounded: {@code 17s}, {@code 2m05s}, {@code 1h02m03s}. */
    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.plusMillis(500).toSeconds());
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long secs = seconds % 60;
        if (hours > 0) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", hours, minutes, secs);
        }
        if (minutes > 0) {
            return String.format(Locale.ROOT, "%dm%02ds", minutes, secs);
        }
        return secs + "s";
    }

    private static long percent(ProgressSnapshot snapshot) {
        // Floor, so 100% only ever appears when the task really is complete.
        return (long) Math.floor(snapshot.fraction() * 100);
    }

    private static String rate(ProgressSnapshot snapshot) {
        String value = snapshot.unitsPerSecond().stream()
                .mapToObj(rate -> String.format(Locale.ROOT, "%.1f", rate))
                .findFirst()
                .orElse("?");
        return value + " " + snapshot.unit() + "/s";
    }

    private static StringBuilder appendFields(StringBuilder line, Map<String, String> fields) {
        if (!fields.isEmpty()) {
            line.append(GAP).append(fields(fields));
        }
        return line;
    }
}
