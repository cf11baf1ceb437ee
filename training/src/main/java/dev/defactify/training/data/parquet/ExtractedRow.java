package dev.defactify.training.data.parquet;

import dev.defactify.contract.label.SourceLabel;
import java.util.Objects;
import java.util.Optional;

/**
 * One parquet row after extraction: where its image file went and what its header said, or why it was set aside.
 *
 * @param row         the row's position in its shard (parquet {@code file_row_number}), stable across reads
 * @param captionHash hex SHA-256 prefix of the caption: the group that keeps one caption's six images together
 * @param imageFile   file name inside the shard's cache folder; null unless {@code status} is OK
 * @param labelA      {@code Label_A} as stored; null when the cell was null
 * @param labelB      {@code Label_B} as stored; null when the cell was null
 * @param format      image format slug from the header; null when there was no readable header
 */
record ExtractedRow(long row, String captionHash, String imageFile, Long labelA, Long labelB, RowStatus status,
                    String format, int width, int height, long byteSize) {

    ExtractedRow {
        Objects.requireNonNull(captionHash, "captionHash");
        Objects.requireNonNull(status, "status");
        if ((status == RowStatus.OK) != (imageFile != null)) {
            throw new IllegalArgumentException("row " + row + ": an image file exactly when the status is ok");
        }
    }

    /** Our label; present for every OK row. */
    Optional<SourceLabel> source() {
        return labelB == null ? Optional.empty() : CocoAiLabels.source(labelB);
    }

    private static final String TAB = "\t";
    static final String HEADER = String.join(TAB, "row", "caption_sha256", "image_file", "label_a", "label_b",
            "status", "format", "width", "height", "bytes");

    String toLine() {
        return String.join(TAB, Long.toString(row), captionHash, orDash(imageFile), orDash(labelA), orDash(labelB),
                status.slug(), orDash(format), Integer.toString(width), Integer.toString(height),
                Long.toString(byteSize));
    }

    static ExtractedRow parse(String line) {
        String[] f = line.split(TAB, -1);
        if (f.length != 10) {
            throw new IllegalArgumentException("expected 10 tab-separated fields, found " + f.length);
        }
        return new ExtractedRow(Long.parseLong(f[0]), f[1], dashToNull(f[2]), longOrNull(f[3]), longOrNull(f[4]),
                RowStatus.ofSlug(f[5]), dashToNull(f[6]), Integer.parseInt(f[7]), Integer.parseInt(f[8]),
                Long.parseLong(f[9]));
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    private static String dashToNull(String field) {
        return field.equals("-") ? null : field;
    }

    private static Long longOrNull(String field) {
        return field.equals("-") ? null : Long.valueOf(field);
    }
}
