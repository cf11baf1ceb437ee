package dev.defactify.function.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores the objects of S3 ObjectCreated records (DESIGN §5) one by one with the {@link ObjectScorer}: each
 * result lands as JSON under the results prefix and the image is tagged with its verdict. A permanent problem (not
 * an image, too large, undecodable) is written as the result too; any failure fails the invocation after all
 * records were tried, so Lambda retries it and finally hands it to the on-failure destination.
 */
public final class S3EventProcessor {
    static final String ENTRY_POINT = "s3-event";
    private static final Logger LOG = LoggerFactory.getLogger(S3EventProcessor.class);

    private final ObjectScorer scorer;

    public S3EventProcessor(ObjectScorer scorer) {
        this.scorer = scorer;
    }

    /**
     * @throws RecordsFailedException when a record failed: retryable or not, an event has no per-record answer,
     *                                so failing the invocation is the only way to have it noticed (a 403, for
     *                                one, then reaches the on-failure destination)
     */
    public List<RecordOutcome> process(List<S3Object> objects) {
        List<RecordOutcome> outcomes = new ArrayList<>(objects.size());
        for (S3Object object : objects) {
            RecordOutcome outcome = scorer.score(ENTRY_POINT, object);
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
}
