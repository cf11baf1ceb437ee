package dev.defactify.contract.manifest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;

/**
 * Evidence that the exported ONNX graph computes what the trained model computes: the largest
 * absolute difference between their outputs over {@code samples} inputs, per output and overall,
 * and the tolerance it was held to. A manifest without it describes an unchecked export.
 */
@JsonPropertyOrder({"maxAbsDiff", "tolerance", "perOutput", "samples"})
public record Parity(double maxAbsDiff, double tolerance, Map<String, Double> perOutput, int samples) {

    public Parity {
        perOutput = perOutput == null ? Map.of() : Map.copyOf(perOutput);
    }
}
