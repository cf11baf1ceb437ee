package dev.defactify.training.export;

import java.util.Collections;
import java.util.Map;

/**
 * How closely the ONNX graph reproduces the trained network.
 *
 * @param perOutput largest |ONNX − DJL| seen per output tensor over all samples
 * @param samples   how many images were compared (random tensors and real images)
 */
public record ParityResult(Map<String, Double> perOutput, int samples, double tolerance) {

    public ParityResult {
        perOutput = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(perOutput));
    }

    public double maxAbsDiff() {
        return perOutput.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** NaN anywhere fails: a graph that produces NaN reproduces nothing. */
    public boolean passed() {
        return perOutput.values().stream().allMatch(diff -> !diff.isNaN() && diff <= tolerance);
    }
}
