package dev.defactify.contract.manifest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The arithmetic a model file runs in. */
public enum Precision {
    /** The exported network as trained. */
    FP32("fp32"),
    /** Statically quantised: int8 weights, uint8 activations, float heads. */
    INT8("int8");

    private final String slug;

    Precision(String slug) {
        this.slug = slug;
    }

    @JsonValue
    public String slug() {
        return slug;
    }

    @JsonCreator
    public static Precision ofSlug(String slug) {
        String wanted = slug == null ? "" : slug.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.slug.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown precision \"" + slug + "\" (expected "
                        + Arrays.stream(values()).map(Precision::slug).collect(Collectors.joining(" or ")) + ")"));
    }
}
