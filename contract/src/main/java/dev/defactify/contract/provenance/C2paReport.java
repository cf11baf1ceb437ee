package dev.defactify.contract.provenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.annotations.media.Schema;

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
@Schema(description = "The C2PA manifest store: what it says, and whether signature, certificate, assertion hashes and"
        + " the image's data hash hold up; `trusted` adds a configured trust anchor")
public record C2paReport(
        @Schema(description = "false: the image carries no manifest store (nothing else is then present)")
        boolean present,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED) Boolean valid,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED) Boolean trusted,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED,
                description = "the first check that failed") Failure failure,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED,
                description = "C2PA status codes of the checks that passed") List<String> checks,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED) String claimGenerator,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED) Signer signer,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED) List<Action> actions,
        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED) Integer manifests) {

    public static final int MAX_ACTIONS = 16;
    private static final C2paReport ABSENT = new C2paReport(false, null, null, null, null, null, null, null, null);

    public static C2paReport absent() {
        return ABSENT;
    }

    /** @param code a C2PA validation status code ({@code assertion.dataHash.mismatch}, ...) */
    public record Failure(@Schema(description = "a C2PA validation status code") String code, String detail) {
    }

    @JsonPropertyOrder({"subject", "issuer", "notBefore", "notAfter"})
    public record Signer(String subject, String issuer, String notBefore, String notAfter) {
    }

    /**
     * @param digitalSourceType the IPTC code URI as written
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"action", "digitalSourceType", "softwareAgent"})
    public record Action(String action,
                         @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED) String digitalSourceType,
                         @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED) String softwareAgent) {
    }
}
