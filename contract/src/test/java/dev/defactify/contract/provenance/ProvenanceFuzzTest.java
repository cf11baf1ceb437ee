package dev.defactify.contract.provenance;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.defactify.contract.image.ImageFormat;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Provenance is read from every uploaded image before the network sees it, and every length, offset and nesting in
 * the metadata comes from the file: for any bytes at all it must answer (absent, invalid, or a note), so any
 * exception, hang or runaway allocation here is a finding. The first byte picks the container (JPEG, PNG, WebP), the
 * rest is the file. Seeds in {@code ProvenanceFuzzTestInputs/readProvenance/}: a JPEG with a signed C2PA manifest
 * and XMP, a PNG with ComfyUI-style text chunks and a zTXt, a WebP with C2PA and XMP chunks.
 */
class ProvenanceFuzzTest {
    private static final ImageFormat[] FORMATS = {ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP};
    private final ProvenanceReader reader = new ProvenanceReader(ProvenanceLimits.DEFAULT, TrustAnchors.none(),
            Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC));

    @FuzzTest
    @Timeout(10)
    void readProvenance(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] file = java.util.Arrays.copyOfRange(input, 1, input.length);
        Provenance provenance = reader.read(file, FORMATS[(input[0] & 0xFF) % FORMATS.length]);
        assertNotNull(provenance.c2pa());
        C2paReport c2pa = provenance.c2pa();
        if (c2pa.present()) {
            assertNotNull(c2pa.valid());
            assertTrue(c2pa.valid() == (c2pa.failure() == null), c2pa::toString);
        }
        assertTrue(provenance.generatorHints().stream().allMatch(h -> h.value() == null
                || h.value().length() <= GeneratorHint.MAX_VALUE_LENGTH));
    }
}
