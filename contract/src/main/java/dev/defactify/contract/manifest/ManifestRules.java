package dev.defactify.contract.manifest;

import dev.defactify.contract.label.SourceLabel;
import dev.defactify.contract.util.Sha256;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rules a manifest must satisfy before serving may load the model it describes. */
final class ManifestRules {
    /** ONNX opsets our exporter and the serving runtime both support. */
    static final int MIN_OPSET = 13;
    static final int MAX_OPSET = 21;
    /** The version becomes an S3 key segment ({@code models/<version>/model.onnx}): no '/', no spaces. */
    private static final String SAFE_SEGMENT = "[A-Za-z0-9._-]+";

    private ManifestRules() {
    }

    static List<String> check(ModelManifest manifest) {
        List<String> problems = new ArrayList<>();
        if (isBlank(manifest.name())) {
            problems.add("name must not be blank");
        }
        checkVersion(manifest.version(), problems);
        if (!ModelManifest.ONNX.equals(manifest.format())) {
            problems.add("format must be \"onnx\", got " + quoted(manifest.format()));
        }
        if (manifest.opset() < MIN_OPSET || manifest.opset() > MAX_OPSET) {
            problems.add("opset must be between " + MIN_OPSET + " and " + MAX_OPSET + ", got " + manifest.opset());
        }
        if (!Sha256.isHex(manifest.sha256())) {
            problems.add("sha256 must be 64 lowercase hex digits, got " + quoted(manifest.sha256()));
        }
        if (manifest.input() == null) {
            problems.add("input is required");
        }
        checkLabels(manifest.labels(), problems);
        double threshold = manifest.threshold();
        if (!(threshold > 0 && threshold < 1)) {
            problems.add("threshold must be strictly between 0 and 1, got " + threshold);
        }
        problems.addAll(manifest.calibration().problems());
        checkOutputs(manifest.outputs(), problems);
        checkParity(manifest.parity(), problems);
        checkFiles(manifest, problems);
        return List.copyOf(problems);
    }

    private static void checkVersion(String version, List<String> problems) {
        if (isBlank(version)) {
            problems.add("version must not be blank");
        } else if (!version.matches(SAFE_SEGMENT) || version.equals(".") || version.equals("..")) {
            problems.add("version " + quoted(version) + " must use only letters, digits, '-', '_' and '.'"
                    + " (it is an S3 path segment)");
        }
    }

    /** The logits come out in head order, so the names must match it position by position. */
    private static void checkLabels(List<String> labels, List<String> problems) {
        List<String> expected = SourceLabel.slugs();
        if (labels == null) {
            problems.add("labels is required; expected " + expected);
            return;
        }
        for (int i = 0; i < Math.min(labels.size(), expected.size()); i++) {
            if (!expected.get(i).equals(labels.get(i))) {
                problems.add("labels[" + i + "] is " + quoted(labels.get(i)) + " but the attribution head's logit "
                        + i + " is \"" + expected.get(i) + "\"; expected " + expected);
                return;
            }
        }
        if (labels.size() != expected.size()) {
            problems.add("labels has " + labels.size() + " entries; expected " + expected.size() + ": " + expected);
        }
    }

    private static void checkOutputs(Outputs outputs, List<String> problems) {
        Set<String> names = new HashSet<>();
        Map<String, String> byField = Map.of("outputs.aiLogit", outputs.aiLogit(),
                "outputs.sourceLogits", outputs.sourceLogits(), "outputs.features", outputs.features());
        byField.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            if (isBlank(entry.getValue())) {
                problems.add(entry.getKey() + " must not be blank");
            } else if (!names.add(entry.getValue())) {
                problems.add(entry.getKey() + " repeats the tensor name " + quoted(entry.getValue()));
            }
        });
    }

    private static void checkParity(Parity parity, List<String> problems) {
        if (parity == null) {
            problems.add("parity is required: a model without an ONNX parity check must not be served");
            return;
        }
        if (!nonNegative(parity.tolerance())) {
            problems.add("parity.tolerance must be a non-negative number, got " + parity.tolerance());
        }
        if (!nonNegative(parity.maxAbsDiff())) {
            problems.add("parity.maxAbsDiff must be a non-negative number, got " + parity.maxAbsDiff());
        } else if (parity.maxAbsDiff() > parity.tolerance()) {
            problems.add("parity.maxAbsDiff " + parity.maxAbsDiff() + " exceeds parity.tolerance "
                    + parity.tolerance() + ": the ONNX export does not match the trained model");
        }
        parity.perOutput().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            Double diff = entry.getValue();
            if (diff == null || !nonNegative(diff) || diff > parity.tolerance()) {
                problems.add("parity.perOutput." + entry.getKey() + " must be within 0.." + parity.tolerance()
                        + ", got " + diff);
            }
        });
        if (parity.samples() < 0) {
            problems.add("parity.samples must not be negative, got " + parity.samples());
        }
    }

    /**
     * One file per precision, each a plain name in the version's folder; the fp32 one is model.onnx with the
     * top-level hash (which is what servers without the list check).
     */
    private static void checkFiles(ModelManifest manifest, List<String> problems) {
        Set<Precision> seen = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < manifest.files().size(); i++) {
            ModelFile file = manifest.files().get(i);
            String where = "files[" + i + "]";
            if (file == null) {
                problems.add(where + " must not be null");
                continue;
            }
            if (file.precision() == null) {
                problems.add(where + ".precision is required");
            } else if (!seen.add(file.precision())) {
                problems.add(where + " repeats precision " + file.precision().slug());
            }
            if (isBlank(file.file()) || !file.file().matches(SAFE_SEGMENT) || !file.file().endsWith(".onnx")) {
                problems.add(where + ".file must be a plain *.onnx file name, got " + quoted(file.file()));
            } else if (!names.add(file.file())) {
                problems.add(where + ".file repeats " + quoted(file.file()));
            }
            if (!Sha256.isHex(file.sha256())) {
                problems.add(where + ".sha256 must be 64 lowercase hex digits, got " + quoted(file.sha256()));
            }
            if (file.precision() == Precision.FP32) {
                if (!ModelFile.FP32_FILE.equals(file.file())) {
                    problems.add(where + ": the fp32 file must be " + ModelFile.FP32_FILE + ", got "
                            + quoted(file.file()));
                }
                if (file.sha256() != null && !file.sha256().equals(manifest.sha256())) {
                    problems.add(where + ".sha256 differs from the manifest's sha256 (both describe model.onnx)");
                }
            } else if (file.precision() != null && (file.agreement() == null || file.quantization() == null)) {
                problems.add(where + ": a " + file.precision().slug() + " file needs its quantization and its "
                        + "agreement with fp32");
            }
        }
        if (!seen.contains(Precision.FP32)) {
            problems.add("files must list the fp32 " + ModelFile.FP32_FILE);
        }
    }

    private static boolean nonNegative(double value) {
        return Double.isFinite(value) && value >= 0;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static String quoted(String text) {
        return text == null ? "nothing" : "\"" + text + "\"";
    }
}
