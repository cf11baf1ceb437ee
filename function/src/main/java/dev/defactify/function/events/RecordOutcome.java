package dev.defactify.function.events;

import dev.defactify.function.problem.Problem;
import dev.defactify.function.scoring.Detection;

/** What happened to one S3 object, whether an S3 event record or an S3 Batch Operations task named it. */
public sealed interface RecordOutcome {
    S3Object object();

    /** Scored; the result is at {@code resultKey}. */
    record Scored(S3Object object, String resultKey, Detection detection) implements RecordOutcome {
        public String verdict() {
            return detection.verdict();
        }

        /** One log line per object, as before the detection was carried: the full detection is in the result. */
        @Override
        public String toString() {
            return "Scored[object=" + object + ", resultKey=" + resultKey + ", verdict=" + verdict() + "]";
        }
    }

    /** Never scorable (not an image, too large, gone): the problem was written as its result. */
    record Rejected(S3Object object, String resultKey, Problem problem) implements RecordOutcome {
        public int status() {
            return problem.status();
        }
    }

    /** A result, or an object under the results prefix: ignored so results never trigger themselves. */
    record Ignored(S3Object object, String reason) implements RecordOutcome {
    }

    /**
     * Could not be processed now, and nothing was written.
     *
     * @param retryable true when a later attempt can succeed by itself (throttling, S3 5xx, network, busy
     *                  detector); false when it needs a change of configuration first (bucket not in
     *                  ALLOWED_BUCKETS, access denied). S3 events retry both, so that the record reaches the
     *                  on-failure destination; S3 Batch Operations retries only the first.
     */
    record Failed(S3Object object, String reason, boolean retryable) implements RecordOutcome {
    }
}
