package dev.defactify.contract.provenance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The settings line of an Automatic1111 / Forge {@code parameters} text: prompt lines, an optional
 * "Negative prompt:" line, then one line of {@code Key: value} pairs starting with {@code Steps:}. Values that
 * contain commas are double-quoted (Lora hashes, for one), so the line is read pair by pair, not split on commas.
 */
final class A1111Parameters {
    private static final String SETTINGS_START = "Steps: ";

    private A1111Parameters() {
    }

    /** The checkpoint: the {@code Model} name, else the {@code Model hash}; empty when the text is no such text. */
    static Optional<String> checkpoint(String text) {
        Map<String, String> settings = settings(text);
        String model = settings.get("Model");
        if (model != null && !model.isBlank()) {
            return Optional.of(model.trim());
        }
        String hash = settings.get("Model hash");
        return hash != null && !hash.isBlank() ? Optional.of(hash.trim()) : Optional.empty();
    }

    /** The pairs of the last non-blank line, when it is a settings line; empty otherwise. */
    static Map<String, String> settings(String text) {
        String line = lastLine(text);
        Map<String, String> pairs = new LinkedHashMap<>();
        if (!line.startsWith(SETTINGS_START)) {
            return pairs;
        }
        int at = 0;
        while (at < line.length()) {
            int colon = line.indexOf(':', at);
            if (colon < 0) {
                break;
            }
            String key = line.substring(at, colon).trim();
            int valueStart = colon + 1;
            while (valueStart < line.length() && line.charAt(valueStart) == ' ') {
                valueStart++;
            }
            int valueEnd;
            int next;
            if (valueStart < line.length() && line.charAt(valueStart) == '"') {
                valueEnd = closingQuote(line, valueStart + 1);
                next = line.indexOf(',', valueEnd);
                valueStart++;
            } else {
                valueEnd = line.indexOf(',', valueStart);
                if (valueEnd < 0) {
                    valueEnd = line.length();
                }
                next = valueEnd;
            }
            pairs.putIfAbsent(key, line.substring(valueStart, valueEnd));
            if (next < 0) {
                break;
            }
            at = next + 1;
        }
        return pairs;
    }

    private static int closingQuote(String line, int from) {
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return line.length();
    }

    private static String lastLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.lastIndexOf('\n');
        return trimmed.substring(newline + 1).strip();
    }
}
