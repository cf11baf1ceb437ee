package dev.defactify.contract.provenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.contract.image.ImageFormat;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A stored result is read back (S3 retries keep the earlier result): provenance must survive JSON unchanged. */
class ProvenanceJsonTest {
    private final ObjectMapper json = new ObjectMapper();
    private final ProvenanceReader reader = new ProvenanceReader(ProvenanceLimits.DEFAULT, TrustAnchors.none(),
            Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void noProvenanceIsSmallAndRoundTrips() throws Exception {
        String written = json.writeValueAsString(Provenance.none());
        assertEquals("{\"c2pa\":{\"present\":false},\"generatorHints\":[]}", written);
        assertEquals(Provenance.none(), json.readValue(written, Provenance.class));
    }

    @Test
    void aFullReportRoundTrips() throws Exception {
        for (String name : new String[]{"c2pa/C.jpg", "c2pa/XCA.jpg", "comfyui/sd3_simple_example.png"}) {
            byte[] image = MetadataFiles.resource("/provenance/" + name);
            Provenance read = reader.read(image, name.endsWith(".png") ? ImageFormat.PNG : ImageFormat.JPEG)
                    .comparedWith("real");
            String written = json.writeValueAsString(read);
            assertEquals(read, json.readValue(written, Provenance.class), name);
            assertEquals(written, json.writeValueAsString(json.readValue(written, Provenance.class)), name);
        }
    }
}
