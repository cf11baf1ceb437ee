package dev.defactify.contract.provenance;

import dev.defactify.contract.image.ImageFormat;

import java.time.Clock;
import java.util.List;

/**
 * Reads an image's provenance from the same bytes the detector decodes: the C2PA manifest store (validated), the IPTC
 * digital source type in XMP, and generator metadata. Bounded by {@link ProvenanceLimits}; an image without metadata
 * costs a walk over its segment or chunk headers. Thread-safe.
 */
public final class ProvenanceReader {
    private final ProvenanceLimits limits;
    private final C2paValidator validator;
    private final GeneratorMetadata metadata;

    /** Serving's reader: the default limits, certificates judged at the time of reading. */
    public ProvenanceReader(TrustAnchors trustAnchors) {
        this(ProvenanceLimits.DEFAULT, trustAnchors, Clock.systemUTC());
    }

    public ProvenanceReader(ProvenanceLimits limits, TrustAnchors trustAnchors, Clock clock) {
        this.limits = limits;
        this.validator = new C2paValidator(limits, trustAnchors, clock);
        this.metadata = new GeneratorMetadata(limits);
    }

    public Provenance read(byte[] file, ImageFormat format) {
        MetadataBlocks blocks = MetadataBlocks.of(file, format, limits);
        if (blocks.isEmpty()) {
            return Provenance.none();
        }
        C2paReport c2pa = blocks.manifestStore().map(store -> validator.validate(file, store))
                .orElse(C2paReport.absent());
        MetadataFindings findings = metadata.read(blocks);
        return ProvenanceRule.apply(c2pa, findings.digitalSourceType(), findings.generatorHints(),
                List.copyOf(findings.notes()));
    }
}
