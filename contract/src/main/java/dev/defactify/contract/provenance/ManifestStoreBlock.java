package dev.defactify.contract.provenance;

import java.util.List;

/**
 * A C2PA manifest store as embedded: the JUMBF bytes reassembled from their segments or chunk, and where in the file
 * those segments are (a data-hash binding must exclude exactly them and nothing else).
 */
public record ManifestStoreBlock(byte[] jumbf, List<ByteRange> placement) {
    public ManifestStoreBlock {
        placement = List.copyOf(placement);
    }
}
