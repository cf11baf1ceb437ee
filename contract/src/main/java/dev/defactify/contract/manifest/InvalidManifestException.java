package dev.defactify.contract.manifest;

import java.util.List;

/**
 * A manifest we must not serve with. Carries every problem found, not just the first, so one
 * failed deploy shows everything that needs fixing.
 */
public final class InvalidManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidManifestException(List<String> problems) {
        this(problems, null);
    }

    public InvalidManifestException(List<String> problems, Throwable cause) {
        super("invalid model manifest: " + String.join("; ", problems), cause);
        this.problems = List.copyOf(problems);
    }

    /** One sentence per problem, each starting with the field it concerns. */
    public List<String> problems() {
        return problems;
    }
}
