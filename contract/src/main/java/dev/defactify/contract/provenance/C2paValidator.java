package dev.defactify.contract.provenance;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates the active manifest of a C2PA manifest store against the image it came in, as the C2PA specification's
 * validation section orders it: the claim signature (COSE_Sign1 over the claim, certificate from {@code x5chain}),
 * the signing certificate, every assertion the claim lists (hashed URIs), then the hard binding (the image's bytes
 * outside the manifest hash to what the claim signed). The first failed check ends validation: a manifest that fails
 * one check proves nothing, so later checks would only add noise.
 *
 * <p>The JDK's own providers verify every signature algorithm C2PA allows (ES256/384/512, PS256/384/512, Ed25519);
 * no crypto library is added to the function for it.
 */
public final class C2paValidator {
    private static final String SIGNATURE1 = "Signature1";
    /** Extended key usages C2PA accepts for claim signing (C2PA 2.1, certificate profile). */
    private static final Set<String> SIGNING_USAGES = Set.of(
            "1.3.6.1.5.5.7.3.4",           // id-kp-emailProtection
            "1.3.6.1.5.5.7.3.36",          // id-kp-documentSigning
            "1.3.6.1.5.5.7.3.8",           // id-kp-timeStamping
            "1.3.6.1.5.5.7.3.9",           // id-kp-OCSPSigning
            "1.3.6.1.4.1.311.76.59.1.9",   // Microsoft C2PA signing
            "1.3.6.1.4.1.62558.2.1");      // c2pa-kp-claimSigning
    private static final String ANY_USAGE = "2.5.29.37.0";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;

    private final ProvenanceLimits limits;
    private final TrustAnchors trustAnchors;
    private final Clock clock;
    private final CborReader cbor;

    public C2paValidator(ProvenanceLimits limits, TrustAnchors trustAnchors, Clock clock) {
        this.limits = limits;
        this.trustAnchors = trustAnchors;
        this.clock = clock;
        this.cbor = new CborReader(limits);
    }

    public C2paReport validate(byte[] image, ManifestStoreBlock block) {
        Run run = new Run();
        try {
            run.validate(image, block);
        } catch (CheckFailed failed) {
            run.failure = new C2paReport.Failure(failed.code, failed.getMessage());
        }
        boolean valid = run.failure == null;
        return new C2paReport(true, valid, valid && run.trusted, run.failure, List.copyOf(run.checks),
                run.claimGenerator, run.signer, run.actions == null ? null : List.copyOf(run.actions), run.manifests);
    }

    /** One validation's state: what has been learnt so far is reported even when a later check fails. */
    private final class Run {
        private final List<String> checks = new ArrayList<>();
        private C2paReport.Failure failure;
        private boolean trusted;
        private String claimGenerator;
        private C2paReport.Signer signer;
        private List<C2paReport.Action> actions;
        private Integer manifests;

        void validate(byte[] image, ManifestStoreBlock block) throws CheckFailed {
            JumbfBox store;
            try {
                store = JumbfBox.parse(block.jumbf(), limits);
            } catch (MalformedMetadataException e) {
                throw new CheckFailed("manifest.malformed", e.getMessage());
            }
            List<JumbfBox> all = store.children().stream().filter(JumbfBox::isSuperbox)
                    .filter(b -> b.contentType().equals("c2ma") || b.contentType().equals("c2um")).toList();
            manifests = all.size();
            if (all.isEmpty()) {
                throw new CheckFailed("claim.missing", "the manifest store holds no manifest");
            }
            JumbfBox manifest = all.get(all.size() - 1);
            JumbfBox claimBox = manifest.children().stream()
                    .filter(b -> b.isSuperbox() && b.contentType().equals("c2cl")).findFirst()
                    .orElseThrow(() -> new CheckFailed("claim.missing", "the active manifest has no claim"));
            JumbfBox assertionStore = manifest.children().stream()
                    .filter(b -> b.isSuperbox() && b.contentType().equals("c2as")).findFirst()
                    .orElseThrow(() -> new CheckFailed("assertion.missing", "the active manifest has no assertions"));
            byte[] claimBytes = claimBox.firstOfType("cbor")
                    .orElseThrow(() -> new CheckFailed("claim.malformed", "the claim box holds no CBOR")).body();
            JsonNode claim = read(claimBytes, "the claim", "claim.malformed");
            claimGenerator = claimGenerator(claim);
            actions = actions(assertionStore);

            // The reference implementation refuses a claim without a default hash algorithm, and so do we: a hashed
            // URI without its own alg would otherwise be checked with an algorithm nobody signed.
            String defaultAlg = claim.path("alg").asText("");
            if (defaultAlg.isEmpty()) {
                throw new CheckFailed("algorithm.unsupported", "the claim names no hash algorithm (alg)");
            }

            JumbfBox signatureBox = manifest.children().stream()
                    .filter(b -> b.isSuperbox() && b.contentType().equals("c2cs")).findFirst()
                    .orElseThrow(() -> new CheckFailed("claimSignature.missing", "the active manifest has no signature"));
            byte[] coseBytes = signatureBox.firstOfType("cbor")
                    .orElseThrow(() -> new CheckFailed("claimSignature.missing", "the signature box holds no CBOR"))
                    .body();
            List<X509Certificate> chain = verifySignature(coseBytes, claimBytes);
            checkCertificate(chain);

            List<JsonNode> listed = new ArrayList<>();
            for (String field : List.of("assertions", "created_assertions", "gathered_assertions")) {
                claim.path(field).forEach(listed::add);
            }
            if (listed.isEmpty()) {
                throw new CheckFailed("claim.malformed", "the claim lists no assertions");
            }
            JumbfBox hardBinding = null;
            for (JsonNode reference : listed) {
                JumbfBox assertion = checkHashedUri(reference, assertionStore, defaultAlg);
                if (assertion.label() != null && assertion.label().startsWith("c2pa.hash.")) {
                    if (hardBinding != null) {
                        throw new CheckFailed("assertion.multipleHardBindings", "the claim lists two hard bindings");
                    }
                    hardBinding = assertion;
                }
            }
            checks.add("assertion.hashedURI.match");
            if (hardBinding == null) {
                throw new CheckFailed("claim.hardBindings.missing", "the claim binds no hash to the image");
            }
            checkHardBinding(hardBinding, image, block, defaultAlg);
        }

        private List<X509Certificate> verifySignature(byte[] coseBytes, byte[] claimBytes) throws CheckFailed {
            JsonNode cose = read(coseBytes, "the claim signature", "claimSignature.mismatch");
            if (!cose.isArray() || cose.size() != 4 || !cose.get(0).isBinary() || !cose.get(3).isBinary()) {
                throw new CheckFailed("claimSignature.mismatch", "the claim signature is not a COSE_Sign1 structure");
            }
            byte[] protectedBytes = binary(cose.get(0));
            if (protectedBytes.length == 0) {
                throw new CheckFailed("algorithm.unsupported", "the signature's protected header names no algorithm");
            }
            JsonNode protectedHeader = read(protectedBytes, "the signature's protected header",
                    "claimSignature.mismatch");
            JsonNode unprotected = cose.get(1);
            int alg = protectedHeader.path("1").asInt(0);
            // Signer first; label 33 or (older writers) the text key, in the protected header, or the text key in the
            // unprotected one. Two chains would leave it open which one the signature is about.
            JsonNode signed = first(protectedHeader.get("33"), protectedHeader.get("x5chain"));
            JsonNode unsigned = unprotected.isObject() ? first(unprotected.get("x5chain")) : null;
            if (signed != null && unsigned != null) {
                throw new CheckFailed("signingCredential.invalid", "the signature carries two certificate chains");
            }
            JsonNode x5chain = signed != null ? signed : unsigned;
            if (x5chain == null) {
                throw new CheckFailed("signingCredential.invalid", "the signature carries no certificate (x5chain)");
            }
            List<X509Certificate> chain = certificates(x5chain);
            X509Certificate certificate = chain.get(0);
            signer = new C2paReport.Signer(certificate.getSubjectX500Principal().getName(),
                    certificate.getIssuerX500Principal().getName(), certificate.getNotBefore().toInstant().toString(),
                    certificate.getNotAfter().toInstant().toString());
            // COSE Sig_structure for a detached payload: the claim as stored is the payload (RFC 9052 §4.4).
            byte[] toBeSigned = cbor.write(List.of(SIGNATURE1, protectedBytes, new byte[0], claimBytes));
            byte[] signature = binary(cose.get(3));
            if (!verifies(alg, certificate.getPublicKey(), toBeSigned, signature)) {
                throw new CheckFailed("claimSignature.mismatch",
                        "the claim signature does not verify with the signer's certificate");
            }
            checks.add("claimSignature.validated");
            return chain;
        }

        private void checkCertificate(List<X509Certificate> chain) throws CheckFailed {
            X509Certificate certificate = chain.get(0);
            Instant now = clock.instant();
            if (now.isBefore(certificate.getNotBefore().toInstant())) {
                throw new CheckFailed("signingCredential.invalid", "the signing certificate is not valid before "
                        + certificate.getNotBefore().toInstant());
            }
            if (now.isAfter(certificate.getNotAfter().toInstant())) {
                throw new CheckFailed("signingCredential.expired", "the signing certificate expired on "
                        + certificate.getNotAfter().toInstant());
            }
            // The chain the signature carries must hold at the same time: an issuer out of date vouches for nothing.
            for (X509Certificate issuer : chain.subList(1, chain.size())) {
                if (now.isBefore(issuer.getNotBefore().toInstant()) || now.isAfter(issuer.getNotAfter().toInstant())) {
                    throw new CheckFailed("signingCredential.expired", "a certificate of the signer's chain ("
                            + issuer.getSubjectX500Principal().getName() + ") is valid only from "
                            + issuer.getNotBefore().toInstant() + " to " + issuer.getNotAfter().toInstant());
                }
            }
            if (certificate.getBasicConstraints() >= 0) {
                throw new CheckFailed("signingCredential.invalid", "the signing certificate is a CA certificate");
            }
            boolean[] usage = certificate.getKeyUsage();
            if (usage != null && !usage[DIGITAL_SIGNATURE] && !usage[NON_REPUDIATION]) {
                throw new CheckFailed("signingCredential.invalid",
                        "the signing certificate's key usage allows neither digital signatures nor non-repudiation");
            }
            List<String> extended;
            try {
                extended = certificate.getExtendedKeyUsage();
            } catch (java.security.cert.CertificateParsingException e) {
                throw new CheckFailed("signingCredential.invalid",
                        "the signing certificate's extended key usage is unreadable");
            }
            if (extended == null || extended.contains(ANY_USAGE)
                    || extended.stream().noneMatch(SIGNING_USAGES::contains)) {
                throw new CheckFailed("signingCredential.invalid",
                        "the signing certificate's extended key usage does not allow claim signing");
            }
            checks.add("signingCredential.insideValidity");
            trusted = chainsToAnchor(chain, now);
            checks.add(trusted ? "signingCredential.trusted" : "signingCredential.untrusted");
        }

        private boolean chainsToAnchor(List<X509Certificate> chain, Instant now) {
            if (trustAnchors.isEmpty()) {
                return false;
            }
            try {
                PKIXParameters parameters = new PKIXParameters(trustAnchors.anchors());
                // Revocation needs the network (OCSP, CRLs) the function does not reach; stated in the README.
                parameters.setRevocationEnabled(false);
                parameters.setDate(Date.from(now));
                // The path ends below the anchor: a chain that carries the anchor itself would ask PKIX for its issuer.
                List<X509Certificate> path = new ArrayList<>();
                for (X509Certificate certificate : chain) {
                    if (trustAnchors.anchors().stream().anyMatch(a -> certificate.equals(a.getTrustedCert()))) {
                        break;
                    }
                    path.add(certificate);
                }
                if (path.isEmpty()) {
                    return true; // the signer's certificate is itself an anchor
                }
                CertPathValidator.getInstance("PKIX").validate(
                        CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
                return true;
            } catch (GeneralSecurityException e) {
                return false;
            }
        }

        private JumbfBox checkHashedUri(JsonNode reference, JumbfBox assertionStore, String defaultAlg)
                throws CheckFailed {
            String url = reference.path("url").asText("");
            byte[] expected = binary(reference.get("hash"));
            String label = url.substring(url.lastIndexOf('/') + 1);
            if (!url.startsWith("self#jumbf=") || !url.contains("c2pa.assertions/") || expected == null) {
                throw new CheckFailed("assertion.hashedURI.mismatch", "the claim lists an assertion it does not "
                        + "reference by hashed URI: " + GeneratorHint.shortened(url));
            }
            JumbfBox assertion = assertionStore.child(label).orElseThrow(() -> new CheckFailed("assertion.missing",
                    "the claim lists an assertion the manifest lacks: " + GeneratorHint.shortened(label)));
            String alg = reference.path("alg").asText(defaultAlg);
            byte[] actual = digest(alg).digest(assertion.body());
            if (!MessageDigest.isEqual(expected, actual)) {
                throw new CheckFailed("assertion.hashedURI.mismatch",
                        "the assertion " + GeneratorHint.shortened(label) + " does not match the hash the claim signed");
            }
            return assertion;
        }

        private void checkHardBinding(JumbfBox binding, byte[] image, ManifestStoreBlock block, String defaultAlg)
                throws CheckFailed {
            String label = binding.label();
            if (!label.equals("c2pa.hash.data") && !label.startsWith("c2pa.hash.data__")) {
                throw new CheckFailed("algorithm.unsupported", "the hard binding " + GeneratorHint.shortened(label)
                        + " is not checked here (only c2pa.hash.data is); the image is not proven unchanged");
            }
            JumbfBox content = binding.firstOfType("cbor")
                    .orElseThrow(() -> new CheckFailed("assertion.dataHash.malformed", "the data hash is not CBOR"));
            JsonNode hash = read(content.body(), "the data hash", "assertion.dataHash.malformed");
            byte[] expected = binary(hash.get("hash"));
            if (expected == null) {
                throw new CheckFailed("assertion.dataHash.malformed", "the data hash holds no hash");
            }
            List<ByteRange> exclusions = new ArrayList<>();
            for (JsonNode exclusion : hash.path("exclusions")) {
                long start = exclusion.path("start").asLong(-1);
                long length = exclusion.path("length").asLong(-1);
                if (start < 0 || length < 0 || start + length > image.length) {
                    throw new CheckFailed("assertion.dataHash.mismatch",
                            "a data hash exclusion lies outside the image's " + image.length + " bytes");
                }
                if (length > 0) {
                    exclusions.add(new ByteRange(start, length));
                }
            }
            exclusions = merged(exclusions);
            // Adjacent APP11 segments form one run of the store; the hash may leave out only such runs, since anything
            // else excluded could be changed freely.
            List<ByteRange> store = merged(block.placement());
            for (ByteRange exclusion : exclusions) {
                if (store.stream().noneMatch(run -> run.contains(exclusion))) {
                    throw new CheckFailed("assertion.dataHash.mismatch", "the data hash excludes bytes "
                            + exclusion.start() + ".." + exclusion.end() + " that are not the manifest store");
                }
            }
            MessageDigest digest = digest(hash.path("alg").asText(defaultAlg));
            long position = 0;
            for (ByteRange exclusion : exclusions) {
                digest.update(image, (int) position, (int) (exclusion.start() - position));
                position = exclusion.end();
            }
            digest.update(image, (int) position, (int) (image.length - position));
            if (!MessageDigest.isEqual(expected, digest.digest())) {
                throw new CheckFailed("assertion.dataHash.mismatch",
                        "the image's bytes do not match the hash the manifest signed: the image was changed after "
                                + "signing, or the manifest was taken from another image");
            }
            checks.add("assertion.dataHash.match");
        }

        private JsonNode read(byte[] bytes, String what, String code) throws CheckFailed {
            try {
                return cbor.read(bytes, what);
            } catch (MalformedMetadataException e) {
                throw new CheckFailed(code, e.getMessage());
            }
        }

        private List<X509Certificate> certificates(JsonNode x5chain) throws CheckFailed {
            List<byte[]> encoded = new ArrayList<>();
            if (x5chain.isBinary()) {
                encoded.add(binary(x5chain));
            } else if (x5chain.isArray()) {
                for (JsonNode element : x5chain) {
                    byte[] bytes = binary(element);
                    if (bytes == null) {
                        throw new CheckFailed("signingCredential.invalid", "the x5chain holds a non-certificate");
                    }
                    encoded.add(bytes);
                }
            }
            if (encoded.isEmpty() || encoded.size() > limits.maxCertificates()) {
                throw new CheckFailed("signingCredential.invalid", "the x5chain holds " + encoded.size()
                        + " certificates (1 to " + limits.maxCertificates() + " are read)");
            }
            List<X509Certificate> chain = new ArrayList<>();
            try {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                for (byte[] der : encoded) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new CheckFailed("signingCredential.invalid", "a certificate in the x5chain is not X.509 DER");
            }
            return chain;
        }

        private MessageDigest digest(String alg) throws CheckFailed {
            String name = switch (alg) {
                case "sha256" -> "SHA-256";
                case "sha384" -> "SHA-384";
                case "sha512" -> "SHA-512";
                default -> throw new CheckFailed("algorithm.unsupported", "hash algorithm " + GeneratorHint.shortened(alg)
                        + " is not one C2PA allows");
            };
            try {
                return MessageDigest.getInstance(name);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks " + name, e);
            }
        }
    }

    /** Sorted, overlapping and touching ranges joined (writers may list one range in parts). */
    private static List<ByteRange> merged(List<ByteRange> ranges) {
        List<ByteRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(ByteRange::start));
        List<ByteRange> joined = new ArrayList<>();
        for (ByteRange range : sorted) {
            ByteRange last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
            if (last != null && range.start() <= last.end()) {
                joined.set(joined.size() - 1, new ByteRange(last.start(),
                        Math.max(last.end(), range.end()) - last.start()));
            } else {
                joined.add(range);
            }
        }
        return joined;
    }

    private static boolean verifies(int alg, PublicKey key, byte[] data, byte[] signature) throws CheckFailed {
        try {
            Signature verifier = switch (alg) {
                case -7 -> ecdsa("SHA256withECDSAinP1363Format", key);
                case -35 -> ecdsa("SHA384withECDSAinP1363Format", key);
                case -36 -> ecdsa("SHA512withECDSAinP1363Format", key);
                case -37 -> pss("SHA-256", MGF1ParameterSpec.SHA256, 32, key);
                case -38 -> pss("SHA-384", MGF1ParameterSpec.SHA384, 48, key);
                case -39 -> pss("SHA-512", MGF1ParameterSpec.SHA512, 64, key);
                case -8 -> {
                    if (!(key instanceof EdECPublicKey)) {
                        throw new CheckFailed("claimSignature.mismatch", "an EdDSA signature with a non-EdDSA key");
                    }
                    yield Signature.getInstance("Ed25519");
                }
                default -> throw new CheckFailed("algorithm.unsupported",
                        "COSE signature algorithm " + alg + " is not one C2PA allows");
            };
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Signature ecdsa(String name, PublicKey key) throws GeneralSecurityException, CheckFailed {
        if (!(key instanceof ECPublicKey)) {
            throw new CheckFailed("claimSignature.mismatch", "an ECDSA signature with a non-EC key");
        }
        return Signature.getInstance(name);
    }

    private static Signature pss(String hash, MGF1ParameterSpec mgf, int salt, PublicKey key)
            throws GeneralSecurityException, CheckFailed {
        if (!(key instanceof RSAPublicKey)) {
            throw new CheckFailed("claimSignature.mismatch", "an RSA-PSS signature with a non-RSA key");
        }
        Signature signature = Signature.getInstance("RSASSA-PSS");
        signature.setParameter(new PSSParameterSpec(hash, "MGF1", mgf, salt, PSSParameterSpec.TRAILER_FIELD_BC));
        return signature;
    }

    private static String claimGenerator(JsonNode claim) {
        if (claim.path("claim_generator").isTextual()) {
            return GeneratorHint.shortened(claim.get("claim_generator").asText());
        }
        JsonNode info = claim.path("claim_generator_info");
        JsonNode first = info.isArray() ? info.path(0) : info;
        if (first.path("name").isTextual()) {
            String version = first.path("version").asText("");
            return GeneratorHint.shortened(first.get("name").asText() + (version.isEmpty() ? "" : "/" + version));
        }
        return null;
    }

    private List<C2paReport.Action> actions(JumbfBox assertionStore) {
        List<C2paReport.Action> found = new ArrayList<>();
        for (JumbfBox assertion : assertionStore.children()) {
            String label = assertion.label();
            if (label == null || !(label.equals("c2pa.actions") || label.startsWith("c2pa.actions.v2")
                    || label.startsWith("c2pa.actions__"))) {
                continue;
            }
            Optional<JumbfBox> content = assertion.firstOfType("cbor");
            if (content.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = cbor.read(content.get().body(), "the actions assertion");
            } catch (MalformedMetadataException e) {
                continue; // reported by the hashed-URI check if the claim lists it; otherwise not ours to judge
            }
            for (JsonNode action : node.path("actions")) {
                if (found.size() == C2paReport.MAX_ACTIONS) {
                    return found;
                }
                JsonNode agent = action.path("softwareAgent");
                String software = agent.isTextual() ? agent.asText()
                        : agent.path("name").isTextual() ? agent.get("name").asText() : null;
                found.add(new C2paReport.Action(GeneratorHint.shortened(action.path("action").asText(null)),
                        GeneratorHint.shortened(action.path("digitalSourceType").asText(null)), GeneratorHint.shortened(software)));
            }
        }
        return found;
    }

    private static JsonNode first(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            if (candidate != null && !candidate.isNull() && !candidate.isMissingNode()) {
                return candidate;
            }
        }
        return null;
    }

    private static byte[] binary(JsonNode node) {
        if (node == null || !node.isBinary()) {
            return null;
        }
        try {
            return node.binaryValue();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** A failed validation check: its status code and what it means for this image. */
    private static final class CheckFailed extends Exception {
        private final String code;

        CheckFailed(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
