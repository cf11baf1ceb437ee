package dev.defactify.training.data;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * RFC 4180 fields of a single CSV line. Manifests hold file paths and captions, which may contain commas and
 * quotes, so a plain {@code split(",")} would silently shift columns.
 */
public final class CsvFields {

    private CsvFields() {
    }

    /** Splits one line into fields, undoing quoting; unbalanced quotes are an error rather than a guess. */
    public static List<String> parse(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
            } else if (c == '"' && field.isEmpty() && !fieldWasQuoted) {
                quoted = true;
                fieldWasQuoted = true;
            } else if (c == '"' || fieldWasQuoted) {
                throw new IllegalArgumentException("stray quote or text after a closing quote at column " + (i + 1));
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("quoted field is never closed");
        }
        fields.add(field.toString());
        return fields;
    }

    /** Quotes a field only when it needs it, so ordinary manifests stay readable. */
    public static String quote(String field) {
        boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0
                || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0
                || (!field.isEmpty() && (Character.isWhitespace(field.charAt(0))
                        || Character.isWhitespace(field.charAt(field.length() - 1))));
        return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    public static String join(List<String> fields) {
        return fields.stream().map(CsvFields::quote).collect(Collectors.joining(","));
    }
}
