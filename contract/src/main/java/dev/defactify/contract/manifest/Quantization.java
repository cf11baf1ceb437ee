package dev.defactify.contract.manifest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How an INT8 file was made from the fp32 network, enough to make it again: the QDQ scheme, the calibration method
 * and what it was calibrated on.
 *
 * @param scheme            e.g. {@code qdq: int8 per-channel symmetric weights, uint8 asymmetric activations, ...}
 * @param calibration       the range method, {@code minmax} or {@code percentile-P}
 * @param calibrationData   where the calibration tensors came from ({@code train split}, {@code random tensors})
 * @param calibrationImages how many tensors calibration ran on
 */
@JsonPropertyOrder({"scheme", "calibration", "calibrationData", "calibrationImages"})
public record Quantization(String scheme, String calibration, String calibrationData, int calibrationImages) { }
