package dev.defactify.training.publish;

import dev.defactify.contract.storage.S3Location;

/**
 * What one {@code publish} did.
 *
 * @param versionPrefix where the version's files are, ending in '/'
 * @param uploaded      files whose bytes were sent
 * @param unchanged     files already there with the same size and sha256 (a re-run sends nothing for them)
 */
public record PublishResult(String version, S3Location versionPrefix, int uploaded, int unchanged,
                            PromotionDecision decision) {
}
