package dev.defactify.training.data;

import java.util.Arrays;
import java.util.Locale;

/** The three disjoint parts of a dataset. The folder name is also the value of the manifest's {@code split} column. */
public enum Split {
    TRAIN("train"),
    VAL("val"),
    TEST("test");

    private final String folderName;

    Split(String folderName) {
        this.folderName = folderName;
    }

    public String folderName() {
        return folderName;
    }

    /** Accepts the folder name in any case, surrounded by blanks; anything else is a clear error. */
    public static Split parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(split -> split.folderName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown split '" + text + "'; expected one of train, val, test"));
    }
}
