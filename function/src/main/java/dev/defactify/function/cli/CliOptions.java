package dev.defactify.function.cli;

import java.util.Optional;

/** What the commands share about options that default to an environment variable. */
final class CliOptions {
    private CliOptions() {
    }

    /** picocli leaves an option whose variable is unset as null; a blank variable counts as unset too. */
    static Optional<String> given(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(text -> !text.isEmpty());
    }

    static String required(String value, String option, String variable) {
        return given(value).orElseThrow(() -> new IllegalArgumentException(
                option + " is missing: give it, or set " + variable));
    }
}
