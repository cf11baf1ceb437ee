package dev.defactify.contract.provenance;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The certificates whose C2PA signers this deployment trusts. A configuration, never a default: the project ships
 * none, because which signers to believe (the C2PA trust list, a newsroom's own CA) is the operator's decision.
 */
public final class TrustAnchors {
    private static final TrustAnchors NONE = new TrustAnchors(Set.of());

    private final Set<TrustAnchor> anchors;

    private TrustAnchors(Set<TrustAnchor> anchors) {
        this.anchors = Set.copyOf(anchors);
    }

    public static TrustAnchors none() {
        return NONE;
    }

    /**
     * @param pem one or more {@code -----BEGIN CERTIFICATE-----} blocks
     * @throws IllegalArgumentException text that holds no certificate, or a block that is not one
     */
    public static TrustAnchors fromPem(String pem) {
        try {
            Collection<? extends java.security.cert.Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            Set<TrustAnchor> anchors = new LinkedHashSet<>();
            for (java.security.cert.Certificate certificate : certificates) {
                anchors.add(new TrustAnchor((X509Certificate) certificate, null));
            }
            if (anchors.isEmpty()) {
                throw new IllegalArgumentException("the trust anchor bundle holds no PEM certificate");
            }
            return new TrustAnchors(anchors);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the trust anchor bundle is not a list of PEM certificates", e);
        }
    }

    public boolean isEmpty() {
        return anchors.isEmpty();
    }

    public int size() {
        return anchors.size();
    }

    Set<TrustAnchor> anchors() {
        return anchors;
    }
}
