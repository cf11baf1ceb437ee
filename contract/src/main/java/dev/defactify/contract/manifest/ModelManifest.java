package dev.defactify.contract.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.defactify.contract.image.InputSpec;
import dev.defactify.contract.label.SourceLabel;
import dev.defactify.contract.util.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}: what a {@code model.onnx} is, how to feed it, and how it was made. Training writes it after
 * a passed parity check; serving refuses a model whose file, labels or input spec disagree with it.
 */
@JsonPropertyOrder({"name", "version", "format", "opset", "sha256", "architecture", "input", "labels", "threshold",
    "outputs", "metrics", "training", "parity"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(String name, String version, String format, int opset, String sha256,
                            String architecture, InputSpec input, List<String> labels, double threshold,
                            Outputs outputs, Map<String, Object> metrics, Training training, Parity parity) {

    public static final String FORMAT = "onnx";

    /** The graph's tensor names. */
    @JsonPropertyOrder({"image", "aiLogit", "sourceLogits", "features"})
    public record Outputs(String image, String aiLogit, String sourceLogits, String features) {
        public static Outputs standard() {
            return new Outputs("image", "ai_logit", "source_logits", "features");
        }
    }

    /** Provenance: enough to rerun the training that produced the model. */
    @JsonPropertyOrder({"seed", "epochs", "dataset", "gitCommit", "config"})
    public record Training(long seed, int epochs, String dataset, String gitCommit, Map<String, Object> config) {
    }

    /** How closely the ONNX file reproduced the trained network when it was exported. */
    @JsonPropertyOrder({"maxAbsDiff", "tolerance", "samples", "perOutput"})
    public record Parity(double maxAbsDiff, double tolerance, int samples, Map<String, Double> perOutput) {
    }

    /** Every rule a manifest must satisfy; an empty list means it is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name is required");
        }
        if (version == null || !version.matches("[A-Za-z0-9._-]{1,128}")) {
            problems.add("version must be 1-128 letters, digits, '.', '_' or '-' (it becomes an S3 path segment), got "
                    + version);
        }
        if (!FORMAT.equals(format)) {
            problems.add("format must be \"onnx\", got " + format);
        }
        if (opset < 13 || opset > 21) {
            problems.add("opset must be between 13 and 21, got " + opset);
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}") || !Sha256.isHex(sha256)) {
            problems.add("sha256 must be 64 lowercase hex digits, got " + sha256);
        }
        if (architecture == null || architecture.isBlank()) {
            problems.add("architecture is required");
        }
        if (input == null) {
            problems.add("input is required");
        }
        if (labels == null) {
            problems.add("labels are required");
        } else if (!labels.equals(SourceLabel.slugs())) {
            problems.add("labels must be " + SourceLabel.slugs() + " in this order, got " + labels);
        }
        if (!(threshold > 0 && threshold < 1)) {
            problems.add("threshold must lie strictly between 0 and 1, got " + threshold);
        }
        if (outputs == null) {
            problems.add("outputs are required");
        }
        if (parity == null) {
            problems.add("parity is required: a model is only published after its parity check passed");
        } else if (!(parity.maxAbsDiff() >= 0) || !(parity.maxAbsDiff() <= parity.tolerance())) {
            problems.add("parity.maxAbsDiff " + parity.maxAbsDiff() + " exceeds its tolerance " + parity.tolerance());
        }
        return problems;
    }

    /** @throws InvalidManifestException listing every problem */
    public ModelManifest validated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(problems);
        }
        return this;
    }
}
