package dev.defactify.function.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.function.problem.ProblemException;
import dev.defactify.function.s3.S3Access;
import dev.defactify.contract.storage.S3Location;
import dev.defactify.function.scoring.Detection;
import dev.defactify.function.serving.DetectionService;
import dev.defactify.function.source.FetchedImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scores the objects of S3 ObjectCreated records (DESIGN §5), writes each result as JSON under the results
 * prefix and tags the image with its verdict. A permanent problem (not an image, too large, undecodable) is written as the result too; anything a
 * retry could fix fails the invocation after all records were tried.
 */
public final class S3EventProcessor {
    static final String ENTRY_POINT = "s3-event";
    public static final String VERDICT_TAG = "defactify-verdict";
    public static final String SOURCE_TAG = "defactify-source";
    /** S3 allows ten tags per object. */
    private static final int MAX_TAGS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(S3EventProcessor.class);

    private final DetectionService detections;
    private final S3Access s3;
    private final Optional<String> resultsBucket;
    private final String resultsPrefix;
    private final ObjectMapper json;

    public S3EventProcessor(DetectionService detections, S3Access s3, Optional<String> resultsBucket,
                            String resultsPrefix, ObjectMapper json) {
        this.detections = detections;
        this.s3 = s3;
        this.resultsBucket = resultsBucket;
        this.resultsPrefix = resultsPrefix;
        this.json = json;
    }

    /**
     * @throws RecordsFailedException when a record failed for a reason worth retrying
     */
    public List<RecordOutcome> process(List<S3Object> objects) {
        List<RecordOutcome> outcomes = new ArrayList<>(objects.size());
        for (S3Object object : objects) {
            RecordOutcome outcome = process(object);
            LOG.info("{}", outcome);
            outcomes.add(outcome);
        }
        List<RecordOutcome.Failed> failures = outcomes.stream().filter(RecordOutcome.Failed.class::isInstance)
                .map(RecordOutcome.Failed.class::cast).toList();
        if (!failures.isEmpty()) {
            throw new RecordsFailedException(failures);
        }
        return outcomes;
    }

    private RecordOutcome process(S3Object object) {
        String target = resultsBucket.orElse(object.bucket());
        if (target.equals(object.bucket()) && object.key().startsWith(resultsPrefix)) {
            return new RecordOutcome.Ignored(object, "under the results prefix " + resultsPrefix);
        }
        String resultKey = resultsPrefix + object.key() + ".json";
        S3ObjectResult result;
        try {
            FetchedImage image = detections.fetcher().read(new S3Location(object.bucket(), object.key()),
                    object.versionId());
            Detection detection = detections.detect(ENTRY_POINT, image, false);
            result = new S3ObjectResult(object.bucket(), object.key(), Optional.ofNullable(image.versionId())
                    .orElse(object.versionId()), Optional.ofNullable(image.eTag()).orElse(object.eTag()), detection,
                    null);
        } catch (ProblemException e) {
            int status = e.problem().status();
            if (!isPermanent(status)) {
                return new RecordOutcome.Failed(object, e.problem().title() + ": " + e.problem().detail());
            }
            result = new S3ObjectResult(object.bucket(), object.key(), object.versionId(), object.eTag(), null,
                    e.problem());
        }
        try {
            s3.client().putObject(PutObjectRequest.builder().bucket(target).key(resultKey)
                    .contentType("application/json").build(), RequestBody.fromBytes(json.writeValueAsBytes(result)));
        } catch (SdkException | JsonProcessingException e) {
            return new RecordOutcome.Failed(object, "writing s3://" + target + "/" + resultKey + " failed: "
                    + e.getMessage());
        }
        if (result.error() != null) {
            return new RecordOutcome.Rejected(object, resultKey, result.error().status());
        }
        tag(object, result);
        return new RecordOutcome.Scored(object, resultKey, result.detection().verdict());
    }

    /**
     * Tags the image with its verdict, so lifecycle rules, replication filters and S3 Inventory can act on it
     * without reading the result. S3 replaces an object's whole tag set, so the owner's own tags are read and kept;
     * a failure here is logged, not retried: the result, which is what matters, is already written.
     */
    private void tag(S3Object object, S3ObjectResult result) {
        try {
            List<Tag> kept = new ArrayList<>(s3.client().getObjectTagging(GetObjectTaggingRequest.builder()
                    .bucket(object.bucket()).key(object.key()).versionId(result.versionId()).build()).tagSet());
            kept.removeIf(tag -> tag.key().equals(VERDICT_TAG) || tag.key().equals(SOURCE_TAG));
            if (kept.size() > MAX_TAGS - 2) {
                LOG.warn("not tagging s3://{}/{}: it already has {} tags", object.bucket(), object.key(), kept.size());
                return;
            }
            kept.add(Tag.builder().key(VERDICT_TAG).value(result.detection().verdict()).build());
            kept.add(Tag.builder().key(SOURCE_TAG).value(result.detection().source().label()).build());
            s3.client().putObjectTagging(PutObjectTaggingRequest.builder().bucket(object.bucket()).key(object.key())
                    .versionId(result.versionId()).tagging(Tagging.builder().tagSet(kept).build()).build());
        } catch (SdkException e) {
            LOG.warn("could not tag s3://{}/{}: {}", object.bucket(), object.key(), e.getMessage());
        }
    }

    /**
     * The image itself is the problem (413, 415, 422), or the object is gone (404): retrying cannot help. A 403
     * (bucket not allowed) is a configuration error and is retried, so it reaches the on-failure destination.
     */
    private static boolean isPermanent(int status) {
        return status == 404 || status == 413 || status == 415 || status == 422 || status == 400;
    }
}
