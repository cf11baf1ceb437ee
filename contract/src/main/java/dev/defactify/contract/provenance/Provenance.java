package dev.defactify.contract.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * What an image's own metadata says about where it came from, beside (never instead of) what its pixels say.
 *
 * @param verdict           {@code ai-generated} or {@code real} when evidence bound to these bytes decides it under
 *                          {@link ProvenanceRule}, else null (the network's verdict stands)
 * @param indicates         what all the metadata together points to, bound or not: {@code ai-generated},
 *                          {@code real}, or null when it says nothing either way
 * @param agreesWithModel   whether {@code indicates} matches the network's own verdict; null when it indicates
 *                          nothing. Set by the detector, which knows the network's answer.
 * @param c2pa              the C2PA manifest store's report ({@code present: false} without one)
 * @param digitalSourceType the IPTC digital source type, from a valid C2PA manifest first, else from XMP
 * @param generatorHints    what PNG text chunks, EXIF and XMP name as the software that made the image
 * @param notes             metadata that was skipped or unreadable, and why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"verdict", "indicates", "agreesWithModel", "c2pa", "digitalSourceType", "generatorHints",
        "notes"})
@Schema(description = "What the image's own metadata says about where it came from (README \"Provenance\")")
public record Provenance(
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, allowableValues = {"ai-generated", "real"},
                description = "the verdict evidence bound to these bytes decides (a valid C2PA manifest); absent: the"
                        + " network's verdict stands") String verdict,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED, allowableValues = {"ai-generated", "real"},
                description = "what all the metadata together points to, signed or not") String indicates,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED,
                description = "whether `indicates` matches the network's verdict") Boolean agreesWithModel,
        C2paReport c2pa,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED,
                description = "the IPTC digital source type, from a valid C2PA manifest first, else XMP")
        SourceType digitalSourceType,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = "software and checkpoints named by PNG text chunks, EXIF and XMP")
        List<GeneratorHint> generatorHints,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED,
                description = "metadata skipped or unreadable, and why")
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes) {

    public static final String AI_GENERATED = "ai-generated";
    public static final String REAL = "real";
    private static final Provenance NONE = new Provenance(null, null, null, C2paReport.absent(), null, List.of(),
            List.of());

    public Provenance {
        // JSON leaves an empty notes list out; reading a stored result back must give the same value
        generatorHints = generatorHints == null ? List.of() : List.copyOf(generatorHints);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** An image without any metadata we read. */
    public static Provenance none() {
        return NONE;
    }

    /** What to report when reading failed in a way the readers did not foresee: the pixels alone answer. */
    public static Provenance unreadable(String note) {
        return new Provenance(null, null, null, C2paReport.absent(), null, List.of(), List.of(note));
    }

    /** This provenance, compared with the network's verdict ({@code real} or {@code ai-generated}). */
    public Provenance comparedWith(String modelVerdict) {
        Boolean agrees = indicates == null ? null : indicates.equals(modelVerdict);
        return new Provenance(verdict, indicates, agrees, c2pa, digitalSourceType, generatorHints, notes);
    }

    /**
     * @param code as written, without the IPTC vocabulary's URI prefix
     * @param kind {@code capture}, {@code edited}, {@code composite}, {@code synthetic}, {@code generative}, or
     *             {@code unknown} for a code outside the vocabulary
     * @param from {@code c2pa} (a valid manifest's actions) or {@code xmp}
     */
    @JsonPropertyOrder({"code", "kind", "from"})
    public record SourceType(String code,
                             @Schema(allowableValues = {"capture", "edited", "composite", "synthetic", "generative",
                                     "unknown"}) String kind,
                             @Schema(allowableValues = {"c2pa", "xmp"}) String from) {
    }
}
