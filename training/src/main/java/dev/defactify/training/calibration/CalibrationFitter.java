package dev.defactify.training.calibration;

/**
 * Fits the whole calibration on one split's logits: the two temperatures independently (each head has its own
 * loss), then the unknown-source level on the probabilities calibrated with the fitted source temperature, since
 * those are the probabilities serving compares with the level.
 */
public record CalibrationFitter(UnknownSourceRule rule) {

    public FittedCalibration fit(LogitSet validation) {
        double aiTemperature = TemperatureFit.binary(validation.aiLogits(), validation.generated());
        double sourceTemperature = TemperatureFit.categorical(validation.sourceLogits(), validation.sourceIndices());
        double level = rule.choose(validation.predictions(aiTemperature, sourceTemperature));
        return new FittedCalibration(aiTemperature, sourceTemperature, level, FittedCalibration.VALIDATION,
                rule.targetAccuracy(), validation.size());
    }
}
