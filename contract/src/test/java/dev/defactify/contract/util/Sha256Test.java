package dev.defactify.contract.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Sha256Test {

    /** FIPS 180-2 test vectors. */
    @Test
    void matchesPublishedVectors() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Sha256.of(new byte[0]));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void streamingAFileMatchesHashingItsBytes(@TempDir Path dir) throws Exception {
        byte[] data = new byte[200_000]; // spans several read buffers
        new Random(1).nextBytes(data);
        Path file = dir.resolve("model.onnx");
        Files.write(file, data);
        assertEquals(Sha256.of(data), Sha256.ofFile(file));
    }

    @Test
    void recognisesLowercaseHex() {
        assertTrue(Sha256.isHex("a".repeat(64)));
        assertFalse(Sha256.isHex("A".repeat(64)));
        assertFalse(Sha256.isHex("a".repeat(63)));
        assertFalse(Sha256.isHex("g".repeat(64)));
        assertFalse(Sha256.isHex(null));
    }
}
