package dev.defactify.function.config;

import dev.defactify.testing.c2pa.TestManifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** C2PA_TRUST_ANCHORS: a PEM bundle file, or a start-up error that names the variable. */
class ServingSettingsTrustAnchorsTest {

    @Test
    void noVariableTrustsNoSigner() {
        assertTrue(settings(Map.of()).trustAnchors().isEmpty());
    }

    @Test
    void aPemBundleIsRead(@TempDir Path dir) throws Exception {
        TestManifests.Credentials one = TestManifests.credentials(Instant.now(), Instant.now().plusSeconds(3600));
        TestManifests.Credentials two = TestManifests.credentials(Instant.now(), Instant.now().plusSeconds(7200));
        Path bundle = Files.writeString(dir.resolve("anchors.pem"), one.caPem() + two.caPem());

        assertEquals(2, settings(Map.of(ServingSettings.C2PA_TRUST_ANCHORS, bundle.toString())).trustAnchors().size());
    }

    @Test
    void aMissingOrNonPemFileStopsTheStartWithTheVariablesName(@TempDir Path dir) throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> settings(Map.of(
                ServingSettings.C2PA_TRUST_ANCHORS, dir.resolve("absent.pem").toString())));
        assertTrue(missing.getMessage().startsWith("C2PA_TRUST_ANCHORS: cannot read "), missing.getMessage());

        Path notes = Files.writeString(dir.resolve("notes.pem"), "not a certificate\n");
        IllegalArgumentException notPem = assertThrows(IllegalArgumentException.class, () -> settings(Map.of(
                ServingSettings.C2PA_TRUST_ANCHORS, notes.toString())));
        assertTrue(notPem.getMessage().startsWith("C2PA_TRUST_ANCHORS: the trust anchor bundle"), notPem.getMessage());
    }

    private static ServingSettings settings(Map<String, String> variables) {
        return ServingSettings.from(name -> Optional.ofNullable(variables.get(name)));
    }
}
