package dev.defactify.training.augment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A closed interval {@code [min, max]} a random parameter is drawn from. Written as a two-element array
 * ({@code [30, 100]}) in run.json and config files, and as {@code 30,100} on the command line, because that is how
 * people write ranges.
 */
public record Range(double min, double max) {

    public Range {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("a range needs finite min <= max, got " + min + "," + max);
        }
    }

    public static Range of(double min, double max) {
        return new Range(min, max);
    }

    /** {@code "a,b"} or a single value {@code "a"} (a range of one point). */
    public static Range parse(String text) {
        String[] parts = text.split(",", -1);
        try {
            if (parts.length == 1) {
                double value = Double.parseDouble(parts[0].trim());
                return new Range(value, value);
            }
            if (parts.length == 2) {
                return new Range(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below, which says what was expected
        }
        throw new IllegalArgumentException("expected a range MIN,MAX (e.g. 0.5,1), got '" + text + "'");
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Range fromList(List<Double> values) {
        if (values == null || values.size() != 2 || values.contains(null)) {
            throw new IllegalArgumentException("a range is written as [min, max], got " + values);
        }
        return new Range(values.get(0), values.get(1));
    }

    @JsonValue
    List<Double> toList() {
        return List.of(min, max);
    }

    /** Uniform in {@code [min, max]}; always consumes one draw so later draws do not shift with the range. */
    double draw(SplittableRandom random) {
        double u = random.nextDouble();
        return min + u * (max - min);
    }

    /** A uniform integer in {@code [round(min), round(max)]}; always consumes one draw. */
    int drawInt(SplittableRandom random) {
        long lo = Math.round(min);
        long hi = Math.round(max);
        double u = random.nextDouble();
        return (int) Math.min(hi, lo + (long) Math.floor(u * (hi - lo + 1)));
    }

    boolean within(double lo, double hi) {
        return min >= lo && max <= hi;
    }

    /** Compact form for run names: {@code 30-100}, or one number for a point. */
    String label() {
        return min == max ? number(min) : number(min) + "-" + number(max);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%s", value);
    }
}
