package dev.defactify.function.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.defactify.contract.provenance.Provenance;
import dev.defactify.function.explain.Explanation;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/**
 * The detection JSON of DESIGN §4, the same for the HTTP API, S3 results and the {@code score} command.
 *
 * @param verdict             {@code "real"} or {@code "ai-generated"}: the network's verdict, unless the image's own
 *                            provenance decides it ({@code basis})
 * @param basis               {@code "model"} (the pixels decided) or {@code "provenance"} (a valid C2PA manifest did,
 *                            by the rule in {@code ProvenanceRule})
 * @param modelVerdict        what the network alone says ({@code aiProbability >= threshold}), whatever the basis
 * @param aiProbability       sigmoid of the binary head's logit, temperature-calibrated per the manifest
 * @param sourceProbabilities softmax of the attribution head, temperature-calibrated, in label order
 * @param provenance          what the image's metadata says: C2PA, IPTC digital source type, generator hints
 * @param explanation         present only when asked for ({@code explain=true})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"verdict", "basis", "modelVerdict", "aiProbability", "threshold", "source", "sourceProbabilities",
        "provenance", "model", "image", "timingsMs", "explanation"})
public record Detection(@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                allowableValues = {"real", "ai-generated"}) String verdict,
                        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                allowableValues = {"model", "provenance"}) String basis,
                        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                allowableValues = {"real", "ai-generated"}) String modelVerdict,
                        double aiProbability, double threshold,
                        Source source, Map<String, Double> sourceProbabilities, Provenance provenance,
                        ModelRef model, ImageInfo image, Timings timingsMs,
                        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED) Explanation explanation) {

    public static final String REAL = "real";
    public static final String AI_GENERATED = "ai-generated";
    public static final String BASIS_MODEL = "model";
    public static final String BASIS_PROVENANCE = "provenance";

    /**
     * The most probable of the six classes.
     *
     * @param confident false when the probability is below the manifest's calibrated {@code unknownSourceBelow}: an
     *                  unknown generator (or an unusual image) is then more likely than the label says
     */
    public record Source(String label, double probability, boolean confident) {
    }

    /**
     * The model that answered.
     *
     * @param sha256    of the file that ran (the INT8 file's own hash when INT8 answered)
     * @param precision {@code fp32} or {@code int8}
     */
    @JsonPropertyOrder({"name", "version", "precision", "sha256"})
    public record ModelRef(String name, String version, String precision, String sha256) {
    }

    public record ImageInfo(int width, int height, String format, String sha256) {
    }

    /**
     * Milliseconds per stage, to 0.1 ms; {@code fetch} is 0 for bytes that came with the request; {@code provenance}
     * is reading and validating the image's metadata.
     */
    @JsonPropertyOrder({"fetch", "decode", "provenance", "preprocess", "inference"})
    public record Timings(double fetch, double decode, double provenance, double preprocess, double inference) {
        public double total() {
            return fetch + decode + provenance + preprocess + inference;
        }
    }
}
