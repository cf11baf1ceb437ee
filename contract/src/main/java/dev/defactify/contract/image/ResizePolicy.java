package dev.defactify.contract.image;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;

/**
 * How an image of any shape becomes a {@code size x size} square. Both policies resample with the same
 * triangle filter (see {@link AxisWeights}), so they differ only in the scale they choose.
 */
public enum ResizePolicy {
    /**
     * Scale so the shorter side equals {@code size} (the longer side is truncated, as torchvision does),
     * then take the centre square. The classic ImageNet evaluation transform.
     */
    RESIZE_SHORTER_THEN_CENTER_CROP("resize-shorter-then-center-crop") {
        @Override
        public ResizePlan plan(int width, int height, int size) {
            return scaleShorterSideTo(width, height, size);
        }
    },
    /**
     * Keep native pixels and take the centre square: generator artefacts live in high frequencies that
     * downscaling would blur away. An image smaller than the square is first scaled up as above.
     */
    CENTER_CROP("center-crop") {
        @Override
        public ResizePlan plan(int width, int height, int size) {
            if (width >= size && height >= size) {
                return ResizePlan.centered(width, height, width, height, size);
            }
            return scaleShorterSideTo(width, height, size);
        }
    };

    private final String slug;

    ResizePolicy(String slug) {
        this.slug = slug;
    }

    /** How a {@code width x height} image is brought to a {@code size x size} square. */
    public abstract ResizePlan plan(int width, int height, int size);

    @JsonValue
    public String slug() {
        return slug;
    }

    @JsonCreator
    public static ResizePolicy ofSlug(String slug) {
        return Arrays.stream(values())
                .filter(policy -> policy.slug.equals(slug))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown resize policy '" + slug + "'; expected one of " + slugs()));
    }

    public static List<String> slugs() {
        return Arrays.stream(values()).map(ResizePolicy::slug).toList();
    }

    private static ResizePlan scaleShorterSideTo(int width, int height, int size) {
        if (width <= height) {
            long resizedHeight = (long) height * size / width;
            return ResizePlan.centered(width, height, size, resizedHeight, size);
        }
        long resizedWidth = (long) width * size / height;
        return ResizePlan.centered(width, height, resizedWidth, size, size);
    }
}
