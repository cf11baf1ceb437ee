package dev.defactify.function.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.contract.storage.S3Location;
import dev.defactify.function.problem.ProblemException;
import dev.defactify.function.s3.S3Access;
import dev.defactify.function.scoring.Detection;
import dev.defactify.function.serving.DetectionService;
import dev.defactify.function.source.FetchedImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The work on one S3 object that S3 events and S3 Batch Operations jobs share (DESIGN §5): score it, write the
 * result as JSON under the results prefix, tag the image with its verdict, and classify what happened as one
 * {@link RecordOutcome}. A permanent problem (not an image, too large, undecodable, gone) is written as the result
 * too; everything else is a {@link RecordOutcome.Failed} saying whether a retry could fix it. Each caller decides
 * what an outcome means for its own protocol; this class decides what the outcome is.
 */
public final class ObjectScorer {
    public static final String VERDICT_TAG = "defactify-verdict";
    public static final String SOURCE_TAG = "defactify-source";
    /** {@code model} or {@code provenance}: what decided the verdict tag (a valid C2PA manifest can). */
    public static final String BASIS_TAG = "defactify-basis";
    private static final Set<String> OUR_TAGS = Set.of(VERDICT_TAG, SOURCE_TAG, BASIS_TAG);
    /** S3 allows ten tags per object. */
    private static final int MAX_TAGS = 10;
    // Logged under the S3 event processor's name, as before the extraction: log queries and JsonLogsTest use it.
    private static final Logger LOG = LoggerFactory.getLogger(S3EventProcessor.class);

    private final DetectionService detections;
    private final S3Access s3;
    private final Optional<String> resultsBucket;
    private final String resultsPrefix;
    private final ObjectMapper json;

    public ObjectScorer(DetectionService detections, S3Access s3, Optional<String> resultsBucket,
                        String resultsPrefix, ObjectMapper json) {
        this.detections = detections;
        this.s3 = s3;
        this.resultsBucket = resultsBucket;
        this.resultsPrefix = resultsPrefix;
        this.json = json;
    }

    /**
     * Never throws for anything S3 or the image can do; the outcome says what happened.
     *
     * @param entryPoint the metrics dimension ({@code s3-event}, {@code s3-batch})
     */
    public RecordOutcome score(String entryPoint, S3Object object) {
        String target = resultsBucket.orElse(object.bucket());
        if (target.equals(object.bucket()) && object.key().startsWith(resultsPrefix)) {
            return new RecordOutcome.Ignored(object, "under the results prefix " + resultsPrefix);
        }
        S3Location location;
        try {
            location = new S3Location(object.bucket(), object.key());
        } catch (IllegalArgumentException e) {
            // An event or a manifest line can name anything; what S3 cannot hold, no retry will fetch.
            return new RecordOutcome.Failed(object, "not an S3 object: " + e.getMessage(), false);
        }
        String resultKey = resultsPrefix + object.key() + ".json";
        S3ObjectResult result;
        try {
            FetchedImage image = detections.fetcher().read(location, object.versionId());
            String versionId = Optional.ofNullable(image.versionId()).orElse(object.versionId());
            String eTag = Optional.ofNullable(image.eTag()).orElse(object.eTag());
            Optional<Detection> earlier = earlierDetection(target, resultKey, versionId, eTag);
            if (earlier.isPresent()) {
                LOG.info("s3://{}/{} already has its result from an earlier attempt (same ETag, same model): kept",
                        object.bucket(), object.key());
                return scoredUnlessTaggingFails(object, resultKey,
                        new S3ObjectResult(object.bucket(), object.key(), versionId, eTag, earlier.get(), null));
            }
            Detection detection = detections.detect(entryPoint, image, false);
            result = new S3ObjectResult(object.bucket(), object.key(), versionId, eTag, detection, null);
        } catch (ProblemException e) {
            int status = e.problem().status();
            if (!isPermanent(status)) {
                return new RecordOutcome.Failed(object, e.problem().title() + ": " + e.problem().detail(),
                        isRetryable(status));
            }
            result = new S3ObjectResult(object.bucket(), object.key(), object.versionId(), object.eTag(), null,
                    e.problem());
        } catch (SdkException e) {
            return new RecordOutcome.Failed(object, "reading the earlier result s3://" + target + "/" + resultKey
                    + " failed: " + e.getMessage(), isRetryable(e));
        }
        try {
            s3.client().putObject(PutObjectRequest.builder().bucket(target).key(resultKey)
                    .contentType("application/json").build(), RequestBody.fromBytes(json.writeValueAsBytes(result)));
        } catch (SdkException e) {
            return new RecordOutcome.Failed(object, "writing s3://" + target + "/" + resultKey + " failed: "
                    + e.getMessage(), isRetryable(e));
        } catch (JsonProcessingException e) {
            return new RecordOutcome.Failed(object, "writing s3://" + target + "/" + resultKey + " failed: "
                    + e.getMessage(), false);
        }
        if (result.error() != null) {
            return new RecordOutcome.Rejected(object, resultKey, result.error());
        }
        return scoredUnlessTaggingFails(object, resultKey, result);
    }

    /** The record is scored once its result is written, unless tagging failed in a way a retry could fix. */
    private RecordOutcome scoredUnlessTaggingFails(S3Object object, String resultKey, S3ObjectResult result) {
        return tag(object, result).<RecordOutcome>map(failure -> failure)
                .orElseGet(() -> new RecordOutcome.Scored(object, resultKey, result.detection()));
    }

    /**
     * The detection an earlier attempt wrote for this very object (same ETag and version) with the model loaded
     * now. Lambda and S3 Batch Operations retry whole invocations, and a write whose answer was lost is retried
     * too: without this a retry would score the object again and overwrite its result with one that differs in
     * its timings. A result for other bytes, from another model, or that does not parse is replaced.
     *
     * @throws SdkException when S3 could not say whether a result is there: the caller retries rather than guess
     */
    private Optional<Detection> earlierDetection(String bucket, String resultKey, String versionId, String eTag) {
        Optional<Detection.ModelRef> model = detections.model();
        if (eTag == null || model.isEmpty()) {
            return Optional.empty();
        }
        byte[] stored;
        try {
            stored = s3.client().getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(resultKey).build())
                    .asByteArray();
        } catch (S3Exception e) {
            // A 404 whose body was lost on the way has no NoSuchKey code; without s3:ListBucket (the deployed role
            // has none) S3 answers a missing key with 403.
            if (e.statusCode() == 404 || e.statusCode() == 403) {
                return Optional.empty();
            }
            throw e;
        }
        try {
            JsonNode earlier = json.readTree(stored);
            if (!eTag.equals(earlier.path("eTag").asText(null))
                    || !Objects.equals(versionId, earlier.path("versionId").asText(null))
                    || !earlier.hasNonNull("verdict")) {
                return Optional.empty();
            }
            Detection detection = json.readerFor(Detection.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(earlier);
            return model.get().equals(detection.model()) ? Optional.of(detection) : Optional.empty();
        } catch (IOException e) {
            LOG.warn("replacing s3://{}/{}: it is not a result this function can read ({})", bucket, resultKey,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Tags the image with its verdict, so lifecycle rules, replication filters and S3 Inventory can act on it
     * without reading the result. S3 replaces an object's whole tag set, so the owner's own tags are read and kept.
     * A tag write S3 may accept next time (throttling, 5xx, a dropped connection, after the SDK's own retries)
     * fails the record retryably: the result is already written, so the retry keeps it and only tags again; without
     * that, one image in a thousand under the fault soak ended scored but untagged, invisible to lifecycle rules.
     * What no retry changes (access denied, ten tags already) is logged and the record still counts as scored.
     *
     * @return the failure to report, when a retry should tag the object
     */
    private Optional<RecordOutcome.Failed> tag(S3Object object, S3ObjectResult result) {
        try {
            List<Tag> kept = new ArrayList<>(s3.client().getObjectTagging(GetObjectTaggingRequest.builder()
                    .bucket(object.bucket()).key(object.key()).versionId(result.versionId()).build()).tagSet());
            kept.removeIf(tag -> OUR_TAGS.contains(tag.key()));
            if (kept.size() > MAX_TAGS - OUR_TAGS.size()) {
                LOG.warn("not tagging s3://{}/{}: it already has {} tags", object.bucket(), object.key(), kept.size());
                return Optional.empty();
            }
            kept.add(Tag.builder().key(VERDICT_TAG).value(result.detection().verdict()).build());
            kept.add(Tag.builder().key(SOURCE_TAG).value(result.detection().source().label()).build());
            kept.add(Tag.builder().key(BASIS_TAG).value(basis(result.detection())).build());
            s3.client().putObjectTagging(PutObjectTaggingRequest.builder().bucket(object.bucket()).key(object.key())
                    .versionId(result.versionId()).tagging(Tagging.builder().tagSet(kept).build()).build());
            return Optional.empty();
        } catch (SdkException e) {
            if (isRetryable(e)) {
                return Optional.of(new RecordOutcome.Failed(object, "tagging s3://" + object.bucket() + "/"
                        + object.key() + " failed (its result is written; a retry keeps it and tags again): "
                        + e.getMessage(), true));
            }
            LOG.warn("could not tag s3://{}/{}: {}", object.bucket(), object.key(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Results written before provenance existed carry no basis: their verdict was the network's. */
    private static String basis(Detection detection) {
        return detection.basis() == null ? Detection.BASIS_MODEL : detection.basis();
    }

    /** The image itself is the problem (400, 413, 415, 422), or the object is gone (404): retrying cannot help. */
    private static boolean isPermanent(int status) {
        return status == 404 || status == 413 || status == 415 || status == 422 || status == 400;
    }

    /**
     * Storage unavailable (502: S3 5xx, throttling, network) and busy or not-yet-loaded detector (503) pass; a 403
     * (bucket not in ALLOWED_BUCKETS, or S3 denied the read) stays until someone changes the configuration.
     */
    private static boolean isRetryable(int status) {
        return status >= 500;
    }

    /**
     * Throttling (503 SlowDown), S3's 5xx, a 400 RequestTimeout (S3 gave up waiting for the body) and network
     * failures (no status at all) pass; any other 4xx on the write (403 AccessDenied, 404 NoSuchBucket for
     * RESULTS_BUCKET) is a configuration error that a retry only repeats.
     */
    static boolean isRetryable(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.statusCode() >= 500 || service.isThrottlingException()
                    || service.awsErrorDetails() != null && "RequestTimeout".equals(service.awsErrorDetails().errorCode());
        }
        return true; // the client's side: connection refused or reset, timeout
    }
}
