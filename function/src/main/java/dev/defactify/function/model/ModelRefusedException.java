package dev.defactify.function.model;

import java.util.List;

/** The model at {@code MODEL_URI} could not be fetched or does not match its manifest; nothing was loaded. */
public final class ModelRefusedException extends Exception {
    private final List<String> problems;

    public ModelRefusedException(String source, List<String> problems) {
        this(source, problems, null);
    }

    public ModelRefusedException(String source, List<String> problems, Throwable cause) {
        super("refused the model at " + source + ": " + String.join("; ", problems), cause);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
