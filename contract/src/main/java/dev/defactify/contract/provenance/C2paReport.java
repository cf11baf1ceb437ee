package dev.defactify.contract.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * What the image's C2PA manifest store says and whether it holds up. A manifest is {@code valid} only when its claim
 * signature verifies with the signer's certificate, the certificate is a usable signing certificate within its
 * validity period, every assertion the claim lists matches its hash, and the hard binding's hash matches the image's
 * own bytes. {@code trusted} adds that the certificate chains to a configured trust anchor; with none configured, no
 * signer is trusted (a valid signature then proves integrity, not who signed).
 *
 * @param present         false when the image carries no manifest store (every other field is then absent)
 * @param valid           all checks above passed
 * @param trusted         valid, and the signer chains to a configured trust anchor
 * @param failure         the first check that failed, with a C2PA validation status code
 * @param checks          the status codes of the checks that passed, in the order they ran
 * @param claimGenerator  the software that wrote the active manifest, as it names itself
 * @param signer          the signing certificate's subject and issuer
 * @param actions         the active manifest's {@code c2pa.actions}, at most 16
 * @param manifests       manifests in the store (the active one is the last; ingredients' are not validated)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"present", "valid", "trusted", "failure", "checks", "claimGenerator", "signer", "actions",
        "manifests"})
public record C2paReport(boolean present, Boolean valid, Boolean trusted, Failure failure, List<String> checks,
                         String claimGenerator, Signer signer, List<Action> actions, Integer manifests) {

    public static final int MAX_ACTIONS = 16;
    private static final C2paReport ABSENT = new C2paReport(false, null, null, null, null, null, null, null, null);

    public static C2paReport absent() {
        return ABSENT;
    }

    /** @param code a C2PA validation status code ({@code assertion.dataHash.mismatch}, ...) */
    public record Failure(String code, String detail) {
    }

    @JsonPropertyOrder({"subject", "issuer", "notBefore", "notAfter"})
    public record Signer(String subject, String issuer, String notBefore, String notAfter) {
    }

    /**
     * @param digitalSourceType the IPTC code URI as written
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"action", "digitalSourceType", "softwareAgent"})
    public record Action(String action, String digitalSourceType, String softwareAgent) {
    }
}
