package dev.defactify.contract.manifest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.defactify.contract.image.InputSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code manifest.json}, published next to {@code model.onnx}: everything serving needs to use the
 * model correctly (input preprocessing, label order, threshold, output names) and to trust it
 * (hash, parity evidence, provenance), and how to calibrate its logits. Construction does not validate, so a broken manifest can be
 * read and reported in full; call {@link #validate()} before using one.
 */
@JsonPropertyOrder({"name", "version", "format", "opset", "sha256", "architecture", "input", "labels",
        "threshold", "calibration", "outputs", "metrics", "training", "parity", "files"})
public record ModelManifest(String name, String version, String format, int opset, String sha256,
                            String architecture, InputSpec input, List<String> labels, double threshold,
                            Calibration calibration, Outputs outputs, Map<String, Object> metrics,
                            Training training, Parity parity, List<ModelFile> files) {
    public static final String ONNX = "onnx";

    public ModelManifest {
        labels = labels == null ? null : Collections.unmodifiableList(new ArrayList<>(labels));
        outputs = outputs == null ? Outputs.defaults() : outputs;
        // A manifest without the block (every model exported before calibration existed) is served uncalibrated.
        calibration = calibration == null ? Calibration.none() : calibration;
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        // A manifest from before the list names one file, model.onnx in fp32, by the top-level hash.
        files = files == null || files.isEmpty()
                ? (sha256 == null ? List.of() : List.of(ModelFile.fp32(sha256, null)))
                : Collections.unmodifiableList(new ArrayList<>(files));
    }

    /** A copy listing exactly {@code files}. */
    public ModelManifest withFiles(List<ModelFile> files) {
        return new ModelManifest(name, version, format, opset, sha256, architecture, input, labels, threshold,
                calibration, outputs, metrics, training, parity, files);
    }

    /** The listed file of that precision, if the version has one. */
    public Optional<ModelFile> file(Precision precision) {
        return files.stream().filter(file -> file.precision() == precision).findFirst();
    }

    /**
     * The file a server should run when not told otherwise: the fastest one this manifest vouches for. Every file
     * listed passed the export's gate, so INT8 where there is one, else fp32.
     */
    public ModelFile preferredFile() {
        return file(Precision.INT8).or(() -> file(Precision.FP32)).orElseThrow(() ->
                new IllegalStateException("the manifest lists no model file"));
    }

    /** Every rule this manifest breaks, each naming its field; empty when it is valid. */
    public List<String> problems() {
        return ManifestRules.check(this);
    }

    /**
     * @return this manifest, for chaining
     * @throws InvalidManifestException listing every problem
     */
    public ModelManifest validate() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidManifestException(problems);
        }
        return this;
    }
}
