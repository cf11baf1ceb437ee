package dev.defactify.training.data.parquet;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What opening a parquet dataset found: rows read, rows set aside by reason, and the first few set-aside rows by
 * shard and row number so they can be looked up. Rows that are not OK are skipped rather than failing the run: the
 * published data is what it is, and one broken image among 60,000 should not stop training, but the count is always
 * printed so a badly broken copy is noticed.
 *
 * @param captionsInSeveralSplits captions found in more than one published split (content leaking across splits)
 * @param examples                up to {@value #MAX_EXAMPLES} set-aside rows, "shard row N: status"
 */
public record ParquetLoadReport(long rows, Map<RowStatus, Long> byStatus, long captionsInSeveralSplits,
                                List<String> examples) {

    static final int MAX_EXAMPLES = 5;

    public ParquetLoadReport {
        EnumMap<RowStatus, Long> copy = new EnumMap<>(RowStatus.class);
        for (RowStatus status : RowStatus.values()) {
            copy.put(status, byStatus.getOrDefault(status, 0L));
        }
        byStatus = Collections.unmodifiableMap(copy);
        examples = List.copyOf(examples);
    }

    public long count(RowStatus status) {
        return byStatus.get(status);
    }

    public long skipped() {
        return rows - count(RowStatus.OK);
    }

    /** One line: "60000 rows, 59998 used; skipped 1 missing-image, 1 label-mismatch (e.g. ...)". */
    public String summary() {
        String skippedParts = byStatus.entrySet().stream()
                .filter(e -> e.getKey() != RowStatus.OK && e.getValue() > 0)
                .map(e -> e.getValue() + " " + e.getKey().slug())
                .collect(Collectors.joining(", "));
        StringBuilder line = new StringBuilder(rows + " rows, " + count(RowStatus.OK) + " used");
        if (!skippedParts.isEmpty()) {
            line.append("; skipped ").append(skippedParts).append(" (e.g. ").append(String.join("; ", examples))
                    .append(")");
        }
        if (captionsInSeveralSplits > 0) {
            line.append("; ").append(captionsInSeveralSplits).append(" caption(s) occur in more than one split");
        }
        return line.toString();
    }
}
