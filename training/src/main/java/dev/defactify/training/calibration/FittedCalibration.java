package dev.defactify.training.calibration;

import dev.defactify.contract.manifest.Calibration;

/**
 * What {@code evaluate} fitted and {@code export} publishes: the manifest's calibration block plus how it was chosen.
 *
 * @param targetAccuracy the {@link UnknownSourceRule} target the level was chosen for
 * @param images         how many validation images the fit saw
 */
public record FittedCalibration(double aiTemperature, double sourceTemperature, double unknownSourceBelow,
                                String fittedOn, double targetAccuracy, long images) {

    public static final String VALIDATION = "validation";

    /** The manifest block serving applies. */
    public Calibration toManifest() {
        return new Calibration(aiTemperature, sourceTemperature, unknownSourceBelow, fittedOn);
    }
}
