package dev.defactify.training.quantize;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The span of values a tensor is quantised over, as calibration measured it. */
@JsonPropertyOrder({"min", "max"})
public record ActivationRange(float min, float max) {
    public ActivationRange {
        if (!(min <= max) || !Float.isFinite(min) || !Float.isFinite(max)) {
            throw new IllegalArgumentException("not a range: [" + min + ", " + max + "]");
        }
    }

    /**
     * Asymmetric uint8: the range is widened to include 0, so that 0 (the padding convolutions add, the floor a
     * ReLU clips to) is exactly representable. A ReLU output gets zero point 0, which lets ONNX Runtime drop the ReLU
     * into the quantisation that follows it.
     */
    public QuantParams uint8() {
        double lo = Math.min(0, min);
        double hi = Math.max(0, max);
        if (hi - lo < 1e-12) {
            hi = lo + 1e-12;
        }
        float scale = (float) ((hi - lo) / 255);
        int zeroPoint = (int) Math.max(0, Math.min(255, Math.round(-lo / scale)));
        return new QuantParams(scale, zeroPoint);
    }

    /** A scale and zero point: {@code real = scale · (q − zeroPoint)}. */
    public record QuantParams(float scale, int zeroPoint) { }
}
