package dev.defactify.training.calibration;

import dev.defactify.training.evaluation.AttributionConfidence;
import dev.defactify.training.evaluation.CalibrationSection;
import dev.defactify.training.evaluation.Prediction;
import dev.defactify.training.evaluation.Reliability;
import dev.defactify.training.evaluation.SplitCalibration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Measures a fitted calibration on evaluated splits (NLL and ECE before and after, the unknown-source signal). */
public record CalibrationAssessment(FittedCalibration fitted, UnknownSourceRule rule) {

    /** @param splits split name → its logits, in the order the report should show them (validation first) */
    public CalibrationSection section(Map<String, LogitSet> splits) {
        List<SplitCalibration> measured = new ArrayList<>();
        splits.forEach((name, logits) -> measured.add(split(name, logits)));
        return new CalibrationSection(fitted.aiTemperature(), fitted.sourceTemperature(), fitted.unknownSourceBelow(),
                fitted.targetAccuracy(), fitted.fittedOn(), rule.describe(), measured);
    }

    public SplitCalibration split(String name, LogitSet logits) {
        List<Prediction> raw = logits.predictions(1, 1);
        List<Prediction> calibrated = logits.predictions(fitted.aiTemperature(), fitted.sourceTemperature());
        double[] ai = logits.aiLogits();
        boolean[] generated = logits.generated();
        double[][] source = logits.sourceLogits();
        int[] truth = logits.sourceIndices();
        return new SplitCalibration(name, logits.size(),
                NegativeLogLikelihood.binary(ai, generated, 1),
                NegativeLogLikelihood.binary(ai, generated, fitted.aiTemperature()),
                Reliability.ofAiProbability(raw), Reliability.ofAiProbability(calibrated),
                NegativeLogLikelihood.categorical(source, truth, 1),
                NegativeLogLikelihood.categorical(source, truth, fitted.sourceTemperature()),
                Reliability.ofTopSource(raw), Reliability.ofTopSource(calibrated),
                AttributionConfidence.of(calibrated, fitted.unknownSourceBelow()));
    }
}
