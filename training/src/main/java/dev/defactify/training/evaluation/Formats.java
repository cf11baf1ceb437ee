package dev.defactify.training.evaluation;

import java.util.Locale;

/** Number rendering for the human-facing outputs; Locale.ROOT so a German machine still writes 0.9312. */
final class Formats {

    static final String NOT_AVAILABLE = "n/a";

    private Formats() {
    }

    static String metric(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    static String metric(Double value) {
        return value == null ? NOT_AVAILABLE : metric(value.doubleValue());
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * fraction);
    }

    static String loss(Double value) {
        return value == null ? NOT_AVAILABLE : String.format(Locale.ROOT, "%.5f", value);
    }

    static String decimal(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    static String scientific(double value) {
        return String.format(Locale.ROOT, "%.3e", value);
    }
}
