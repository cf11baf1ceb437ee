package dev.defactify.training.augment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which training-time degradations to apply and how often; part of the training config, so run.json and the model
 * manifest say exactly what the network saw. All off by default ({@link #none()}): a run without augmentation
 * computes what it computed before augmentation existed.
 *
 * <p>Order of application, chosen to follow an image's life: resize (a re-upload at another size), crop, flip,
 * blur, then JPEG last, since compression is what a platform does to whatever it receives.
 *
 * @param jpegProb    chance to re-compress as JPEG, quality drawn uniformly (integers) from {@code jpegQuality}
 * @param blurProb    chance to blur, sigma in pixels drawn from {@code blurSigma}
 * @param randomCrop  crop a random square instead of letting the shared preprocessing centre-crop; its side is
 *                    {@code sqrt(s)} times the shorter side, {@code s} drawn from {@code cropScale} (an area fraction)
 * @param flipProb    chance to mirror left to right
 * @param resizeProb  chance to rescale both sides by a factor drawn from {@code resizeScale}, before cropping
 */
@JsonPropertyOrder({"name", "jpegProb", "jpegQuality", "blurProb", "blurSigma", "randomCrop", "cropScale", "flipProb",
        "resizeProb", "resizeScale"})
@JsonIgnoreProperties(value = "name", allowGetters = true)
public record AugmentationConfig(double jpegProb, Range jpegQuality, double blurProb, Range blurSigma,
                                 boolean randomCrop, Range cropScale, double flipProb, double resizeProb,
                                 Range resizeScale) {

    public static final Range DEFAULT_JPEG_QUALITY = Range.of(30, 100);
    public static final Range DEFAULT_BLUR_SIGMA = Range.of(0, 3);
    public static final Range DEFAULT_CROP_SCALE = Range.of(0.5, 1);
    public static final Range DEFAULT_RESIZE_SCALE = Range.of(0.5, 1.5);

    public AugmentationConfig {
        // a config file may give a probability without its range: the documented default range applies
        jpegQuality = jpegQuality != null ? jpegQuality : DEFAULT_JPEG_QUALITY;
        blurSigma = blurSigma != null ? blurSigma : DEFAULT_BLUR_SIGMA;
        cropScale = cropScale != null ? cropScale : DEFAULT_CROP_SCALE;
        resizeScale = resizeScale != null ? resizeScale : DEFAULT_RESIZE_SCALE;
        List<String> problems = new ArrayList<>();
        probability("jpegProb", jpegProb, problems);
        probability("blurProb", blurProb, problems);
        probability("flipProb", flipProb, problems);
        probability("resizeProb", resizeProb, problems);
        if (!jpegQuality.within(1, 100)) {
            problems.add("jpegQuality must lie in [1, 100], got " + jpegQuality.label());
        }
        if (!blurSigma.within(0, 50)) {
            problems.add("blurSigma must lie in [0, 50] pixels, got " + blurSigma.label());
        }
        if (!(cropScale.min() > 0) || cropScale.max() > 1) {
            problems.add("cropScale must lie in (0, 1], got " + cropScale.label());
        }
        if (!(resizeScale.min() > 0) || resizeScale.max() > 8) {
            problems.add("resizeScale must lie in (0, 8], got " + resizeScale.label());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid augmentation: " + String.join("; ", problems));
        }
    }

    /** No augmentation: what every run did before augmentation existed. */
    public static AugmentationConfig none() {
        return new AugmentationConfig(0, null, 0, null, false, null, 0, 0, null);
    }

    @JsonIgnore
    public boolean isNone() {
        return jpegProb == 0 && blurProb == 0 && !randomCrop && flipProb == 0 && resizeProb == 0;
    }

    /**
     * A readable run label in the spirit of CNNDetection's {@code blur_jpg_prob0.5}, e.g.
     * {@code resize0.5x0.5-1.5_crop0.5-1_flip0.5_blur0.5s0-3_jpeg0.5q30-100}, or {@code none}. Derived, so it can
     * never disagree with the parameters beside it; read back from a file it is ignored.
     */
    @JsonProperty("name")
    public String name() {
        List<String> parts = new ArrayList<>();
        if (resizeProb > 0) {
            parts.add("resize" + number(resizeProb) + "x" + resizeScale.label());
        }
        if (randomCrop) {
            parts.add("crop" + cropScale.label());
        }
        if (flipProb > 0) {
            parts.add("flip" + number(flipProb));
        }
        if (blurProb > 0) {
            parts.add("blur" + number(blurProb) + "s" + blurSigma.label());
        }
        if (jpegProb > 0) {
            parts.add("jpeg" + number(jpegProb) + "q" + jpegQuality.label());
        }
        return parts.isEmpty() ? "none" : String.join("_", parts);
    }

    private static void probability(String field, double value, List<String> problems) {
        if (!(value >= 0 && value <= 1)) {
            problems.add(field + " must be a probability in [0, 1], got " + value);
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }
}
