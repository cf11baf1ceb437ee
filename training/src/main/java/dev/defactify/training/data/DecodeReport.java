package dev.defactify.training.data;

import java.util.List;

/**
 * What a folder or manifest scan left out because {@link DecodeCheck} could not decode it: the image folders' and
 * manifest's counterpart of the parquet load report, worded the same way ({@code undecodable-image} is the parquet
 * row status of the same problem), so a log reader sees one vocabulary whatever the layout.
 *
 * @param images      images the layout lists
 * @param undecodable of those, the ones left out
 * @param examples    up to {@value #MAX_EXAMPLES} of them, "id: the decoder's reason"
 */
public record DecodeReport(long images, long undecodable, List<String> examples) {

    static final int MAX_EXAMPLES = 5;

    public DecodeReport {
        examples = List.copyOf(examples);
    }

    public long used() {
        return images - undecodable;
    }

    /** One line: "120 images, 119 used; skipped 1 undecodable-image (e.g. train/real/a.png: ...)". */
    public String summary() {
        String line = images + " images, " + used() + " used";
        if (undecodable == 0) {
            return line;
        }
        return line + "; skipped " + undecodable + " undecodable-image (e.g. " + String.join("; ", examples) + ")";
    }
}
