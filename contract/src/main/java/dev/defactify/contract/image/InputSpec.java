package dev.defactify.contract.image;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * What the network expects as input: a {@code size x size} RGB square, normalised per channel as
 * {@code (pixel / 255 - mean[c]) / std[c]}. Stored in the model manifest so serving preprocesses
 * exactly as training did.
 */
@JsonPropertyOrder({"size", "channels", "mean", "std", "policy"})
public record InputSpec(int size, String channels, List<Double> mean, List<Double> std, ResizePolicy policy) {
    public static final int DEFAULT_SIZE = 224;
    public static final String RGB = "RGB";
    public static final List<Double> IMAGENET_MEAN = List.of(0.485, 0.456, 0.406);
    public static final List<Double> IMAGENET_STD = List.of(0.229, 0.224, 0.225);

    public InputSpec {
        if (size <= 0) {
            throw new IllegalArgumentException("input.size must be positive, got " + size);
        }
        if (!RGB.equals(channels)) {
            throw new IllegalArgumentException("input.channels must be \"RGB\", got " + quoted(channels));
        }
        mean = threeFinite("input.mean", mean);
        std = threeFinite("input.std", std);
        for (double deviation : std) {
            if (deviation <= 0) {
                throw new IllegalArgumentException("input.std values must be > 0, got " + std);
            }
        }
        if (policy == null) {
            throw new IllegalArgumentException("input.policy is required; expected one of " + ResizePolicy.slugs());
        }
    }

    public static InputSpec imagenet(int size, ResizePolicy policy) {
        return new InputSpec(size, RGB, IMAGENET_MEAN, IMAGENET_STD, policy);
    }

    /** 224 px, ImageNet statistics, shorter side resized then centre-cropped. */
    public static InputSpec defaults() {
        return imagenet(DEFAULT_SIZE, ResizePolicy.RESIZE_SHORTER_THEN_CENTER_CROP);
    }

    /** Number of floats in one CHW tensor. */
    public int tensorLength() {
        return 3 * size * size;
    }

    private static List<Double> threeFinite(String field, List<Double> values) {
        if (values == null || values.size() != 3) {
            throw new IllegalArgumentException(field + " must hold exactly 3 values (R, G, B), got " + values);
        }
        for (Double value : values) {
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException(field + " values must be finite numbers, got " + values);
            }
        }
        return List.copyOf(values);
    }

    private static String quoted(String text) {
        return text == null ? "nothing" : "\"" + text + "\"";
    }
}
