package dev.defactify.contract.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.contract.image.ImageFormat;

import java.util.ArrayList;
import java.util.List;

/** The x5chain of a fixture's active manifest, read with the production parsers (a test needs its issuer). */
final class TestFixtureChains {
    private TestFixtureChains() {
    }

    static List<byte[]> certificates(byte[] jpeg) throws Exception {
        ManifestStoreBlock block = MetadataBlocks.of(jpeg, ImageFormat.JPEG, ProvenanceLimits.DEFAULT)
                .manifestStore().orElseThrow();
        JumbfBox store = JumbfBox.parse(block.jumbf(), ProvenanceLimits.DEFAULT);
        JumbfBox manifest = store.children().get(store.children().size() - 1);
        JumbfBox signature = manifest.child("c2pa.signature").orElseThrow();
        CborReader cbor = new CborReader(ProvenanceLimits.DEFAULT);
        JsonNode cose = cbor.read(signature.firstOfType("cbor").orElseThrow().body(), "signature");
        JsonNode header = cbor.read(cose.get(0).binaryValue(), "protected");
        List<byte[]> chain = new ArrayList<>();
        for (JsonNode certificate : header.get("33")) {
            chain.add(certificate.binaryValue());
        }
        return chain;
    }
}
