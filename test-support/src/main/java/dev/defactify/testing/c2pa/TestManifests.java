package dev.defactify.testing.c2pa;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes C2PA manifest stores the way the specification lays them out, signed with certificates made here, so tests
 * can build every case the fixtures lack: a generative claim, a trusted signer, a certificate out of date, a tampered
 * assertion, exclusions that leave pixels out, a hostile claim.
 */
public final class TestManifests {
    private static final String ISO_SUFFIX = "00110010800000aa00389b71";
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

    /** A CA and a signer it issued, ES256. */
    public record Credentials(KeyPair caKeys, X509Certificate ca, KeyPair signerKeys, X509Certificate signer) {
        public String caPem() {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(encoded(ca))
                    + "\n-----END CERTIFICATE-----\n";
        }
    }

    /** What to write into one manifest; each field can be changed to build a broken case. */
    public record Spec(String digitalSourceType, Credentials credentials, UnaryOperator<Map<String, Object>> claimEdit,
                UnaryOperator<byte[]> claimBytesEdit, boolean tamperAssertionAfterSigning, long exclusionExtra) {
        public static Spec generative(Credentials credentials) {
            return new Spec("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia", credentials,
                    c -> c, b -> b, false, 0);
        }

        public Spec withSourceType(String type) {
            return new Spec(type, credentials, claimEdit, claimBytesEdit, tamperAssertionAfterSigning, exclusionExtra);
        }

        public Spec withClaimBytes(UnaryOperator<byte[]> edit) {
            return new Spec(digitalSourceType, credentials, claimEdit, edit, tamperAssertionAfterSigning,
                    exclusionExtra);
        }

        public Spec withClaim(UnaryOperator<Map<String, Object>> edit) {
            return new Spec(digitalSourceType, credentials, edit, claimBytesEdit, tamperAssertionAfterSigning,
                    exclusionExtra);
        }

        public Spec withTamperedAssertion() {
            return new Spec(digitalSourceType, credentials, claimEdit, claimBytesEdit, true, exclusionExtra);
        }

        /** Excludes this many bytes after the manifest from the data hash as well (pixels left unprotected). */
        public Spec withExtraExclusion(long bytes) {
            return new Spec(digitalSourceType, credentials, claimEdit, claimBytesEdit, tamperAssertionAfterSigning,
                    bytes);
        }
    }

    private TestManifests() {
    }

    public static Credentials credentials(Instant notBefore, Instant notAfter) throws Exception {
        return credentials(notBefore, notAfter, notAfter);
    }

    /** @param caNotAfter when the issuing CA's own certificate ends (before the signer's, to build a broken chain) */
    public static Credentials credentials(Instant notBefore, Instant notAfter, Instant caNotAfter) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom(new byte[]{1}));
        KeyPair caKeys = generator.generateKeyPair();
        KeyPair signerKeys = generator.generateKeyPair();
        X500Name caName = new X500Name("CN=Defactify Test CA,O=Defactify tests");
        X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE,
                Date.from(notBefore), Date.from(caNotAfter), caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate caCertificate = sign(ca, caKeys);
        X509v3CertificateBuilder signer = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO,
                Date.from(notBefore), Date.from(notAfter), new X500Name("CN=Test Generator,O=Defactify tests"),
                signerKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
        return new Credentials(caKeys, caCertificate, signerKeys, sign(signer, caKeys));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    }

    /**
     * The JPEG {@code plain} with a signed manifest store in APP11 right after SOI, its data hash over the result.
     */
    public static byte[] signedJpeg(byte[] plain, Spec spec) throws Exception {
        // The exclusion length is part of what it excludes: iterate until the store's size stops changing.
        int segmentLength = 0;
        byte[] segment = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            byte[] store = store(plain, spec, 2, segmentLength);
            segment = app11(store);
            if (segment.length == segmentLength) {
                break;
            }
            segmentLength = segment.length;
        }
        return insertAfterSoi(plain, segment);
    }

    public static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        return insertAt(jpeg, 2, segment);
    }

    public static byte[] insertAt(byte[] jpeg, int offset, byte[] segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, offset);
        out.write(segment, 0, segment.length);
        out.write(jpeg, offset, jpeg.length - offset);
        return out.toByteArray();
    }

    /** One APP11 segment holding the whole JUMBF {@code store} (stores under 64 KB in these tests). */
    public static byte[] app11(byte[] store) {
        int length = 2 + 2 + 2 + 4 + store.length;
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("test stores fit one segment");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xEB);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write('J');
        out.write('P');
        out.write(0x02);
        out.write(0x11);
        out.writeBytes(new byte[]{0, 0, 0, 1});
        out.writeBytes(store);
        return out.toByteArray();
    }

    private static byte[] store(byte[] plain, Spec spec, long exclusionStart, long exclusionLength) throws Exception {
        Map<String, Object> actions = Map.of("actions", List.of(new LinkedHashMap<>(Map.of(
                "action", "c2pa.created", "digitalSourceType", spec.digitalSourceType(),
                "softwareAgent", Map.of("name", "Defactify test generator")))));
        byte[] actionsBox = superbox("cbor", "c2pa.actions.v2", box("cbor", CBOR.writeValueAsBytes(actions)));
        // The data hash covers the file as it will be: the plain JPEG with the segment inserted at exclusionStart,
        // which is the plain JPEG itself when nothing else is excluded.
        byte[] withoutStore = plain;
        if (spec.exclusionExtra() > 0) {
            withoutStore = new byte[plain.length - (int) spec.exclusionExtra()];
            System.arraycopy(plain, 0, withoutStore, 0, 2);
            System.arraycopy(plain, 2 + (int) spec.exclusionExtra(), withoutStore, 2, withoutStore.length - 2);
        }
        Map<String, Object> dataHash = new LinkedHashMap<>();
        dataHash.put("exclusions", List.of(Map.of("start", exclusionStart,
                "length", exclusionLength + spec.exclusionExtra())));
        dataHash.put("name", "jumbf manifest");
        dataHash.put("alg", "sha256");
        dataHash.put("hash", MessageDigest.getInstance("SHA-256").digest(withoutStore));
        byte[] hashBox = superbox("cbor", "c2pa.hash.data", box("cbor", CBOR.writeValueAsBytes(dataHash)));
        byte[] signedActions = actionsBox;
        if (spec.tamperAssertionAfterSigning()) {
            actionsBox = actionsBox.clone();
            actionsBox[actionsBox.length - 2] ^= 1;
        }
        byte[] assertions = superbox("c2as", "c2pa.assertions", actionsBox, hashBox);

        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("instanceID", "xmp:iid:defactify-test");
        claim.put("claim_generator_info", Map.of("name", "Defactify test generator", "version", "1"));
        claim.put("signature", "self#jumbf=c2pa.signature");
        claim.put("created_assertions", List.of(hashedUri("c2pa.actions.v2", signedActions),
                hashedUri("c2pa.hash.data", hashBox)));
        claim.put("alg", "sha256");
        byte[] claimBytes = spec.claimBytesEdit().apply(CBOR.writeValueAsBytes(spec.claimEdit().apply(claim)));
        byte[] claimBox = superbox("c2cl", "c2pa.claim.v2", box("cbor", claimBytes));

        byte[] protectedHeader = CBOR.writeValueAsBytes(Map.of(1, -7, 33,
                List.of(encoded(spec.credentials().signer()), encoded(spec.credentials().ca()))));
        byte[] toBeSigned = CBOR.writeValueAsBytes(List.of("Signature1", protectedHeader, new byte[0], claimBytes));
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(spec.credentials().signerKeys().getPrivate());
        signer.update(toBeSigned);
        byte[] cose = concat(new byte[]{(byte) 0xD2}, // tag 18, COSE_Sign1
                CBOR.writeValueAsBytes(java.util.Arrays.asList(protectedHeader, Map.of(), null, signer.sign())));
        byte[] signatureBox = superbox("c2cs", "c2pa.signature", box("cbor", cose));
        byte[] manifest = superbox("c2ma", "urn:c2pa:00000000-0000-4000-8000-000000000001", assertions, claimBox,
                signatureBox);
        return superbox("c2pa", "c2pa", manifest);
    }

    private static Map<String, Object> hashedUri(String label, byte[] superbox) throws Exception {
        byte[] body = java.util.Arrays.copyOfRange(superbox, 8, superbox.length);
        return Map.of("url", "self#jumbf=c2pa.assertions/" + label,
                "hash", MessageDigest.getInstance("SHA-256").digest(body));
    }

    public static byte[] superbox(String contentType, String label, byte[]... content) {
        byte[] uuid = concat(contentType.getBytes(StandardCharsets.US_ASCII), HexFormat.of().parseHex(ISO_SUFFIX));
        byte[] description = box("jumd", concat(uuid, new byte[]{0x03},
                label.getBytes(StandardCharsets.UTF_8), new byte[]{0}));
        return box("jumb", concat(description, concat(content)));
    }

    public static byte[] box(String type, byte[] payload) {
        int length = 8 + payload.length;
        return concat(new byte[]{(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
                (byte) length}, type.getBytes(StandardCharsets.US_ASCII), payload);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
