package dev.defactify.contract.manifest;

import java.util.List;

/** A manifest that is unreadable or breaks the contract; the message lists every problem found. */
public final class InvalidManifestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidManifestException(List<String> problems) {
        super("invalid model manifest: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidManifestException(String problem, Throwable cause) {
        super("invalid model manifest: " + problem, cause);
        this.problems = List.of(problem);
    }

    public List<String> problems() {
        return problems;
    }
}
