package dev.defactify.contract.provenance;

import dev.defactify.contract.image.ImageFormat;
import dev.defactify.testing.c2pa.TestManifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * C2PA validation against the reference implementation's own test images (what each must validate to is in
 * c2pa-rs's tests) and against manifests built here for the cases those images lack.
 */
class C2paValidatorTest {
    private static final Instant NOW = Instant.parse("2026-12-04T00:00:00Z");
    private static final String TRAINED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

    private final C2paValidator untrusting = validator(TrustAnchors.none(), NOW);

    @ParameterizedTest
    @ValueSource(strings = {"C.jpg", "CA.jpg", "CACA.jpg", "boxhash.jpg", "legacy_ingredient_hash.jpg"})
    void theReferenceImplementationsValidImagesValidateButNoSignerIsTrustedWithoutAnchors(String name) {
        C2paReport report = validate(untrusting, fixture(name));

        assertTrue(report.present());
        assertEquals(Boolean.TRUE, report.valid(), () -> name + ": " + report.failure());
        assertEquals(Boolean.FALSE, report.trusted());
        assertEquals(List.of("claimSignature.validated", "signingCredential.insideValidity",
                "signingCredential.untrusted", "assertion.hashedURI.match", "assertion.dataHash.match"),
                report.checks());
        assertTrue(report.signer().subject().contains("CN=C2PA Signer"), report.signer().subject());
    }

    @ParameterizedTest
    @CsvSource({
            // the claim was edited after signing ('make_test_images' -> 'make_test_xxxxxx')
            "E-sig-CA.jpg, claimSignature.mismatch",
            // re-encoded in grey after signing, the original manifest put back
            "XCA.jpg, assertion.dataHash.mismatch",
            // a third-party writer's claim without a hash algorithm (c2pa-rs: algorithm.unsupported)
            "no_alg.jpg, algorithm.unsupported"})
    void theReferenceImplementationsBrokenImagesFailTheCheckItNames(String name, String code) {
        C2paReport report = validate(untrusting, fixture(name));

        assertEquals(Boolean.FALSE, report.valid());
        assertEquals(Boolean.FALSE, report.trusted());
        assertEquals(code, report.failure().code(), report.failure().detail());
        assertFalse(report.checks().contains("assertion.dataHash.match"));
    }

    @Test
    void whatTheManifestSaysIsReported() {
        C2paReport report = validate(untrusting, fixture("C.jpg"));

        assertEquals("make_test_images/0.33.1 c2pa-rs/0.33.1", report.claimGenerator());
        assertEquals(List.of(new C2paReport.Action("c2pa.created",
                "http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia", "Make Test Images 0.33.1")),
                report.actions());
        assertEquals(1, report.manifests());
        assertEquals("2030-08-26T18:46:28Z", report.signer().notAfter());
        assertEquals(2, validate(untrusting, fixture("CACA.jpg")).manifests());
    }

    @ParameterizedTest
    @ValueSource(strings = {"no_manifest.jpg", "sample1.webp", "libpng-test.png"})
    void imagesWithoutAManifestHaveNone(String name) {
        byte[] image = fixture(name);
        assertTrue(MetadataBlocks.of(image, format(name), ProvenanceLimits.DEFAULT).manifestStore().isEmpty());
    }

    @Test
    void aSignerIsTrustedOnlyWhenItChainsToAConfiguredAnchor() throws Exception {
        // The fixtures' chain ends at the C2PA test intermediate; configured as an anchor, the signer is trusted.
        String intermediate = pem(TestFixtureChains.certificates(fixture("C.jpg")).get(1));
        C2paReport trusted = validate(validator(TrustAnchors.fromPem(intermediate), NOW), fixture("C.jpg"));
        assertEquals(Boolean.TRUE, trusted.trusted());
        assertTrue(trusted.checks().contains("signingCredential.trusted"));

        TestManifests.Credentials other = TestManifests.credentials(NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)));
        C2paReport untrustedHere = validate(validator(TrustAnchors.fromPem(other.caPem()), NOW), fixture("C.jpg"));
        assertEquals(Boolean.TRUE, untrustedHere.valid());
        assertEquals(Boolean.FALSE, untrustedHere.trusted());
    }

    @Test
    void theCertificateMustBeInsideItsValidityPeriodAtTheTimeOfReading() {
        C2paReport later = validate(validator(TrustAnchors.none(), Instant.parse("2031-01-01T00:00:00Z")),
                fixture("C.jpg"));
        assertEquals("signingCredential.expired", later.failure().code());
        C2paReport earlier = validate(validator(TrustAnchors.none(), Instant.parse("2022-01-01T00:00:00Z")),
                fixture("C.jpg"));
        assertEquals("signingCredential.invalid", earlier.failure().code());
    }

    @Test
    void everyCertificateOfTheChainMustBeInsideItsValidityPeriod() throws Exception {
        TestManifests.Credentials expiredCa = TestManifests.credentials(NOW.minus(Duration.ofDays(60)),
                NOW.plus(Duration.ofDays(365)), NOW.minus(Duration.ofDays(1)));
        byte[] image = TestManifests.signedJpeg(fixture("no_manifest.jpg"), TestManifests.Spec.generative(expiredCa));

        C2paReport report = validate(untrusting, image);
        assertEquals("signingCredential.expired", report.failure().code());
        assertTrue(report.failure().detail().contains("CN=Defactify Test CA"), report.failure().detail());
        assertTrue(report.checks().contains("claimSignature.validated"), "the signature itself verifies");
    }

    @Test
    void aManifestBuiltHereValidatesAndItsCaMakesItTrusted() throws Exception {
        TestManifests.Credentials credentials = credentials();
        byte[] image = TestManifests.signedJpeg(fixture("no_manifest.jpg"), TestManifests.Spec.generative(credentials));

        C2paReport untrusted = validate(untrusting, image);
        assertEquals(Boolean.TRUE, untrusted.valid(), () -> String.valueOf(untrusted.failure()));
        assertEquals(TRAINED, untrusted.actions().get(0).digitalSourceType());
        assertEquals("Defactify test generator/1", untrusted.claimGenerator());

        C2paReport trusted = validate(validator(TrustAnchors.fromPem(credentials.caPem()), NOW), image);
        assertEquals(Boolean.TRUE, trusted.trusted());
    }

    @Test
    void aManifestMovedOntoAnotherImageIsInvalid() throws Exception {
        byte[] signed = TestManifests.signedJpeg(fixture("no_manifest.jpg"),
                TestManifests.Spec.generative(credentials()));
        int segmentLength = (signed[4] & 0xFF) << 8 | signed[5] & 0xFF;
        byte[] segment = Arrays.copyOfRange(signed, 2, 4 + segmentLength);
        byte[] other = withoutBytes(fixture("C.jpg"), 20, 45884); // another photo, its own manifest removed

        // at the same offset the signed exclusion fits exactly, so only the hash can tell
        C2paReport moved = validate(untrusting, TestManifests.insertAfterSoi(other, segment));
        assertEquals("assertion.dataHash.mismatch", moved.failure().code());
        assertTrue(moved.failure().detail().contains("taken from another image"), moved.failure().detail());
        // the signature itself is intact: what it signed is not this image
        assertTrue(moved.checks().contains("claimSignature.validated"));

        // elsewhere, the signed exclusion would cover the new image's own bytes
        C2paReport elsewhere = validate(untrusting, TestManifests.insertAt(other, 20, segment));
        assertEquals("assertion.dataHash.mismatch", elsewhere.failure().code());
        assertTrue(elsewhere.failure().detail().contains("not the manifest store"), elsewhere.failure().detail());
    }

    private static byte[] withoutBytes(byte[] data, int start, int length) {
        byte[] out = new byte[data.length - length];
        System.arraycopy(data, 0, out, 0, start);
        System.arraycopy(data, start + length, out, start, data.length - start - length);
        return out;
    }

    @Test
    void aTamperedAssertionOrImageIsInvalid() throws Exception {
        byte[] plain = fixture("no_manifest.jpg");
        TestManifests.Spec spec = TestManifests.Spec.generative(credentials());

        C2paReport tampered = validate(untrusting, TestManifests.signedJpeg(plain, spec.withTamperedAssertion()));
        assertEquals("assertion.hashedURI.mismatch", tampered.failure().code());

        byte[] changedPixels = TestManifests.signedJpeg(plain, spec);
        changedPixels[changedPixels.length - 100] ^= 0x10;
        assertEquals("assertion.dataHash.mismatch", validate(untrusting, changedPixels).failure().code());
    }

    @Test
    void aDataHashThatLeavesPixelsOutProvesNothing() throws Exception {
        byte[] image = TestManifests.signedJpeg(fixture("no_manifest.jpg"),
                TestManifests.Spec.generative(credentials()).withExtraExclusion(4096));

        C2paReport report = validate(untrusting, image);
        assertEquals("assertion.dataHash.mismatch", report.failure().code());
        assertTrue(report.failure().detail().contains("not the manifest store"), report.failure().detail());
    }

    @Test
    void aTruncatedManifestStoreIsMalformedNotACrash() {
        byte[] signed = fixture("C.jpg");
        // C.jpg's store in one APP11 segment, cut 1,000 bytes short while its boxes still claim the full length
        byte[] store = Arrays.copyOfRange(signed, 20 + 4 + 8, 20 + 45884 - 1000);
        byte[] image = TestManifests.insertAfterSoi(fixture("no_manifest.jpg"), TestManifests.app11(store));

        C2paReport report = validate(untrusting, image);
        assertEquals("manifest.malformed", report.failure().code());
        assertTrue(report.failure().detail().startsWith("JUMBF box"), report.failure().detail());
    }

    @Test
    void deeplyNestedCborInTheClaimIsRefusedQuickly() throws Exception {
        byte[] nested = new byte[50_001];
        Arrays.fill(nested, (byte) 0x81); // an array of one element, 50,000 deep
        nested[nested.length - 1] = 0x00;
        byte[] image = TestManifests.signedJpeg(fixture("no_manifest.jpg"),
                TestManifests.Spec.generative(credentials()).withClaimBytes(claim -> nested));

        C2paReport report = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> validate(untrusting, image));
        assertEquals("claim.malformed", report.failure().code());
        assertTrue(report.failure().detail().contains("deeper than 64"), report.failure().detail());
    }

    @Test
    void deeplyNestedJumbfBoxesAreRefused() {
        byte[] box = TestManifests.superbox("cbor", "x", TestManifests.box("cbor", new byte[]{0}));
        for (int i = 0; i < 100; i++) {
            box = TestManifests.superbox("c2pa", "c2pa", box);
        }
        byte[] image = TestManifests.insertAfterSoi(fixture("no_manifest.jpg"), TestManifests.app11(box));

        C2paReport report = validate(untrusting, image);
        assertEquals("manifest.malformed", report.failure().code());
        assertTrue(report.failure().detail().contains("nest deeper than 16"), report.failure().detail());
    }

    @Test
    void aClaimThatIsNoCborOrListsNothingIsMalformed() throws Exception {
        TestManifests.Spec spec = TestManifests.Spec.generative(credentials());
        byte[] plain = fixture("no_manifest.jpg");

        C2paReport garbage = validate(untrusting, TestManifests.signedJpeg(plain,
                spec.withClaimBytes(claim -> new byte[]{(byte) 0x5F, 0x41})));
        assertEquals("claim.malformed", garbage.failure().code());

        C2paReport empty = validate(untrusting, TestManifests.signedJpeg(plain, spec.withClaim(claim -> {
            claim.remove("created_assertions");
            return claim;
        })));
        assertEquals("claim.malformed", empty.failure().code());
        assertEquals("the claim lists no assertions", empty.failure().detail());
    }

    @Test
    void aStoreOverTheLimitIsSkippedWithANote() {
        ProvenanceLimits small = new ProvenanceLimits(10_000, 16, 4096, 64, 1 << 20, 1 << 20, 8);
        MetadataBlocks blocks = MetadataBlocks.of(fixture("C.jpg"), ImageFormat.JPEG, small);

        assertTrue(blocks.manifestStore().isEmpty());
        assertEquals(List.of("C2PA manifest store of 45872 bytes is over the limit of 10000; not read"), blocks.notes());
    }

    @Test
    void aStoreSplitOverSegmentsIsReassembled() {
        MetadataBlocks blocks = MetadataBlocks.of(fixture("CA.jpg"), ImageFormat.JPEG, ProvenanceLimits.DEFAULT);
        ManifestStoreBlock store = blocks.manifestStore().orElseThrow();

        assertEquals(2, store.placement().size());
        assertEquals(new ByteRange(20, 64012), store.placement().get(0));
        assertEquals(117273, store.placement().stream().mapToLong(ByteRange::length).sum());
        assertNull(blocks.exifTiff().orElse(null));
    }

    private static TestManifests.Credentials credentials() throws Exception {
        return TestManifests.credentials(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)));
    }

    private static C2paValidator validator(TrustAnchors anchors, Instant now) {
        return new C2paValidator(ProvenanceLimits.DEFAULT, anchors, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static C2paReport validate(C2paValidator validator, byte[] jpeg) {
        MetadataBlocks blocks = MetadataBlocks.of(jpeg, ImageFormat.JPEG, ProvenanceLimits.DEFAULT);
        return blocks.manifestStore().map(store -> validator.validate(jpeg, store)).orElse(C2paReport.absent());
    }

    private static ImageFormat format(String name) {
        return name.endsWith(".png") ? ImageFormat.PNG : name.endsWith(".webp") ? ImageFormat.WEBP : ImageFormat.JPEG;
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    static byte[] fixture(String name) {
        try (InputStream in = C2paValidatorTest.class.getResourceAsStream("/provenance/c2pa/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource provenance/c2pa/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
