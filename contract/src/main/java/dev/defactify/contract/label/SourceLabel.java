package dev.defactify.contract.label;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an image came from. The declaration order is the order of the attribution head's six logits
 * (Task B) and must never change: a model trained with one order scores garbage under another.
 */
public enum SourceLabel {
    REAL("real", "MS COCO photograph"),
    SD21("sd21", "Stable Diffusion 2.1"),
    SDXL("sdxl", "Stable Diffusion XL"),
    SD3("sd3", "Stable Diffusion 3"),
    DALLE3("dalle3", "DALL-E 3"),
    MIDJOURNEY6("midjourney6", "MidJourney v6");

    private static final List<SourceLabel> IN_HEAD_ORDER = List.of(values());
    private static final List<String> SLUGS = IN_HEAD_ORDER.stream().map(SourceLabel::slug).toList();

    private final String slug;
    private final String description;

    SourceLabel(String slug, String description) {
        this.slug = slug;
        this.description = description;
    }

    /** The stable name used in folders, JSON and the manifest. */
    public String slug() {
        return slug;
    }

    public String description() {
        return description;
    }

    /** Index of this label's logit in the attribution head. */
    public int index() {
        return ordinal();
    }

    /** Task A: every source but a photograph is AI-generated. */
    public boolean isGenerated() {
        return this != REAL;
    }

    /** Task A label as the binary head is trained on it: 0 = real, 1 = AI-generated. */
    public int taskALabel() {
        return isGenerated() ? 1 : 0;
    }

    public static int count() {
        return IN_HEAD_ORDER.size();
    }

    public static List<SourceLabel> inHeadOrder() {
        return IN_HEAD_ORDER;
    }

    /** The slugs in head order: what a manifest's {@code labels} field must equal. */
    public static List<String> slugs() {
        return SLUGS;
    }

    public static SourceLabel ofIndex(int index) {
        if (index < 0 || index >= IN_HEAD_ORDER.size()) {
            throw new IllegalArgumentException("source label index " + index + " is outside 0.." + (count() - 1));
        }
        return IN_HEAD_ORDER.get(index);
    }

    public static Optional<SourceLabel> findBySlug(String slug) {
        String wanted = slug == null ? "" : slug.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(label -> label.slug.equals(wanted)).findFirst();
    }

    public static SourceLabel ofSlug(String slug) {
        return findBySlug(slug).orElseThrow(() -> new IllegalArgumentException(
                "unknown source label '" + slug + "'; expected one of " + SLUGS));
    }
}
