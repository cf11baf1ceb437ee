package dev.defactify.contract.manifest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayList;
import java.util.List;

/**
 * Post-hoc calibration fitted on the validation split, applied by serving to the raw logits: the binary head's
 * probability is {@code sigmoid(ai_logit / aiTemperature)}, the attribution head's {@code
 * softmax(source_logits / sourceTemperature)}; when the most probable source is below {@code unknownSourceBelow},
 * the attribution is reported as not confident (an unknown or unseen generator is more likely than the label).
 *
 * @param fittedOn what the values were fitted on, e.g. {@code "validation"}
 */
@JsonPropertyOrder({"aiTemperature", "sourceTemperature", "unknownSourceBelow", "fittedOn"})
public record Calibration(double aiTemperature, double sourceTemperature, double unknownSourceBelow,
                          String fittedOn) {

    /** No calibration: temperatures 1, no unknown-source signal. */
    public static Calibration none() {
        return new Calibration(1.0, 1.0, 0.0, "none");
    }

    /** Every rule this calibration breaks, each naming its field. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!(aiTemperature > 0) || Double.isInfinite(aiTemperature)) {
            problems.add("calibration.aiTemperature must be a positive number, got " + aiTemperature);
        }
        if (!(sourceTemperature > 0) || Double.isInfinite(sourceTemperature)) {
            problems.add("calibration.sourceTemperature must be a positive number, got " + sourceTemperature);
        }
        if (!(unknownSourceBelow >= 0 && unknownSourceBelow < 1)) {
            problems.add("calibration.unknownSourceBelow must be in [0, 1), got " + unknownSourceBelow);
        }
        return problems;
    }
}
