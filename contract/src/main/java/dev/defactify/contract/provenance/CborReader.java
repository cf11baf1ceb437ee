package dev.defactify.contract.provenance;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

import java.io.IOException;

/**
 * CBOR items of a manifest read into Jackson trees, bounded in nesting depth and string length. Integer map keys
 * (COSE headers) become their decimal text ({@code 1}, {@code 33}); tags are dropped (the COSE_Sign1 tag 18 carries no
 * meaning once the position says what the item is).
 */
final class CborReader {
    private final ObjectMapper mapper;
    private final int maxDepth;

    CborReader(ProvenanceLimits limits) {
        this.maxDepth = limits.maxCborDepth();
        CBORFactory factory = CBORFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxCborDepth())
                        .maxStringLength(limits.maxManifestStoreBytes())
                        .build())
                .build();
        this.mapper = new ObjectMapper(factory);
    }

    /** @param what names the item in the message of a failure ("the claim") */
    JsonNode read(byte[] cbor, String what) throws MalformedMetadataException {
        try {
            JsonNode node = mapper.readTree(cbor);
            if (node == null || node.isMissingNode()) {
                throw new MalformedMetadataException(what + " is empty");
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw new MalformedMetadataException(what + " nests CBOR deeper than " + maxDepth
                    + " levels or holds a string over the limit");
        } catch (IOException | RuntimeException e) {
            // Jackson's own message names its classes and offsets; the API answer says what was wrong in our words.
            throw new MalformedMetadataException(what + " is not well-formed CBOR");
        }
    }

    byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("encoding a CBOR value in memory failed", e);
        }
    }
}
