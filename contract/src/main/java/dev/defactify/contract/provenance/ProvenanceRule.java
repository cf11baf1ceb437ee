package dev.defactify.contract.provenance;

import dev.defactify.contract.provenance.DigitalSourceType.Kind;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How metadata relates to the network's verdict. Only evidence bound to the image's bytes may decide:
 * <ul>
 *   <li>a <b>valid</b> C2PA manifest (signature, certificate, assertion hashes and the data hash all check out) whose
 *       actions declare a generative digital source type ({@code trainedAlgorithmicMedia},
 *       {@code compositeWithTrainedAlgorithmicMedia}) makes the verdict {@code ai-generated}, whoever signed it:
 *       the signer bound that statement to exactly these bytes, and nobody gains from falsely signing their own
 *       image as generated (the {@code trusted} flag says whether a known signer did);</li>
 *   <li>a valid manifest from a <b>trusted</b> signer whose actions declare a capture ({@code digitalCapture}, film,
 *       print, computational capture) and nothing generative makes the verdict {@code real}. An untrusted one cannot:
 *       anyone can sign "camera original" onto a generated image with a certificate they made.</li>
 * </ul>
 * Unsigned metadata (XMP, PNG text chunks, EXIF) decides nothing: editors copy it from image to image and anyone can
 * write it. It sets {@code indicates}, and the detector reports whether that agrees with the pixels.
 */
public final class ProvenanceRule {
    private ProvenanceRule() {
    }

    static Provenance apply(C2paReport c2pa, Optional<String> xmpSourceType, List<GeneratorHint> hints,
                            List<String> notes) {
        boolean valid = Boolean.TRUE.equals(c2pa.valid());
        List<DigitalSourceType> signed = valid ? c2pa.actions().stream()
                .map(a -> DigitalSourceType.of(a.digitalSourceType())).flatMap(Optional::stream).toList() : List.of();
        boolean signedGenerative = signed.stream().anyMatch(t -> t.kind() == Kind.GENERATIVE);
        boolean signedCapture = signed.stream().anyMatch(t -> t.kind() == Kind.CAPTURE);

        String verdict = null;
        if (signedGenerative) {
            verdict = Provenance.AI_GENERATED;
        } else if (signedCapture && Boolean.TRUE.equals(c2pa.trusted())) {
            verdict = Provenance.REAL;
        }

        Provenance.SourceType sourceType = sourceType(valid, c2pa, xmpSourceType);
        Kind kind = sourceType == null ? null : DigitalSourceType.of(sourceType.code()).map(DigitalSourceType::kind)
                .orElse(null);
        boolean namesGenerator = hints.stream().anyMatch(GeneratorHint::namesGenerator);
        String indicates;
        if (verdict != null) {
            indicates = verdict;
        } else if (kind == Kind.GENERATIVE || namesGenerator) {
            indicates = Provenance.AI_GENERATED;
        } else if (kind == Kind.CAPTURE) {
            indicates = Provenance.REAL;
        } else {
            indicates = null;
        }
        return new Provenance(verdict, indicates, null, c2pa, sourceType, hints, notes);
    }

    /** A valid manifest's generative action first, then its first typed action, then XMP's. */
    private static Provenance.SourceType sourceType(boolean valid, C2paReport c2pa, Optional<String> xmp) {
        if (valid) {
            List<String> written = c2pa.actions().stream().map(C2paReport.Action::digitalSourceType)
                    .filter(t -> t != null && !t.isBlank()).toList();
            Optional<String> chosen = written.stream()
                    .filter(t -> DigitalSourceType.of(t).map(d -> d.kind() == Kind.GENERATIVE).orElse(false))
                    .findFirst().or(() -> written.stream().findFirst());
            if (chosen.isPresent()) {
                return typed(chosen.get(), "c2pa");
            }
        }
        return xmp.filter(t -> !t.isBlank()).map(t -> typed(t, "xmp")).orElse(null);
    }

    private static Provenance.SourceType typed(String written, String from) {
        Optional<DigitalSourceType> known = DigitalSourceType.of(written);
        String code = known.map(DigitalSourceType::code).orElse(written.length() > GeneratorHint.MAX_VALUE_LENGTH
                ? GeneratorHint.shortened(written) : written.trim());
        String kind = known.map(d -> d.kind().name().toLowerCase(Locale.ROOT)).orElse("unknown");
        return new Provenance.SourceType(code, kind, from);
    }
}
