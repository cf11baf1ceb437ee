package dev.defactify.function.events;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown after every record of an event was attempted, when some failed for a reason a retry can fix. Lambda
 * then retries the whole event (asynchronous invocations: twice) and finally sends it, with this message, to the
 * on-failure destination. Re-scoring the records that succeeded is harmless: results are overwritten in place.
 */
public final class RecordsFailedException extends RuntimeException {
    private final transient List<RecordOutcome.Failed> failures;

    public RecordsFailedException(List<RecordOutcome.Failed> failures) {
        super(failures.size() + " record(s) failed: " + failures.stream()
                .map(f -> "s3://" + f.object().bucket() + "/" + f.object().key() + " (" + f.reason() + ")")
                .collect(Collectors.joining("; ")));
        this.failures = List.copyOf(failures);
    }

    public List<RecordOutcome.Failed> failures() {
        return failures;
    }
}
