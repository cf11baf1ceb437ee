package dev.defactify.contract.provenance;

import java.util.List;
import java.util.Optional;

/**
 * What an image's metadata (besides a C2PA manifest) says about how it was made.
 *
 * @param digitalSourceType the XMP {@code Iptc4xmpExt:DigitalSourceType} as written (usually the full IPTC URI;
 *                          {@link DigitalSourceType#of} reads it)
 * @param generatorHints    each software or checkpoint name found, once per field
 * @param notes             what was skipped or could not be read, and why
 */
public record MetadataFindings(Optional<String> digitalSourceType, List<GeneratorHint> generatorHints,
                               List<String> notes) {
    public MetadataFindings {
        generatorHints = List.copyOf(generatorHints);
        notes = List.copyOf(notes);
    }

    /** True when some hint names a generator (one of ours or another). */
    public boolean namesGenerator() {
        return generatorHints.stream().anyMatch(GeneratorHint::namesGenerator);
    }
}
