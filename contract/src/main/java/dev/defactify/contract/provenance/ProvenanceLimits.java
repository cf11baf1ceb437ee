package dev.defactify.contract.provenance;

/**
 * How much metadata one image may make us read. Every length in a metadata block comes from the (possibly hostile)
 * file, so each reader is bounded by one of these rather than by the file's own claims; a block over its bound is
 * skipped with a note, never half-read.
 *
 * @param maxManifestStoreBytes the reassembled C2PA manifest store (JUMBF)
 * @param maxBoxDepth           JUMBF superboxes inside superboxes
 * @param maxBoxes              JUMBF boxes in one store
 * @param maxCborDepth          arrays and maps inside each other in one CBOR item (claims, assertions, COSE)
 * @param maxXmpBytes           one XMP packet
 * @param maxTextBytes          one PNG text chunk after decompression (zTXt/iTXt can inflate 1000-fold)
 * @param maxCertificates       certificates in a COSE x5chain
 */
public record ProvenanceLimits(int maxManifestStoreBytes, int maxBoxDepth, int maxBoxes, int maxCborDepth,
                               int maxXmpBytes, int maxTextBytes, int maxCertificates) {

    /** Generous for every real manifest seen (the largest fixture is 310 KB with two thumbnails). */
    public static final ProvenanceLimits DEFAULT = new ProvenanceLimits(16 << 20, 16, 4096, 64, 1 << 20, 1 << 20, 8);

    public ProvenanceLimits {
        if (maxManifestStoreBytes < 1 || maxBoxDepth < 1 || maxBoxes < 1 || maxCborDepth < 1 || maxXmpBytes < 1
                || maxTextBytes < 1 || maxCertificates < 1) {
            throw new IllegalArgumentException("every provenance limit must be at least 1");
        }
    }
}
