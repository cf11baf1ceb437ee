package dev.defactify.function.events;

import java.util.List;

/**
 * What the S3 handler returns, shaped for the Lambda runtime's own serializer (it sees bean getters, not record
 * components), e.g. in {@code sam local invoke}'s output: counts and one line per record.
 */
public final class S3EventReport {
    private final List<RecordOutcome> outcomes;

    public S3EventReport(List<RecordOutcome> outcomes) {
        this.outcomes = List.copyOf(outcomes);
    }

    public long getScored() {
        return outcomes.stream().filter(RecordOutcome.Scored.class::isInstance).count();
    }

    public long getRejected() {
        return outcomes.stream().filter(RecordOutcome.Rejected.class::isInstance).count();
    }

    public long getIgnored() {
        return outcomes.stream().filter(RecordOutcome.Ignored.class::isInstance).count();
    }

    /** {@code s3://bucket/key -> outcome}, in record order. */
    public List<String> getRecords() {
        return outcomes.stream().map(S3EventReport::line).toList();
    }

    /** For callers in Java. */
    public List<RecordOutcome> outcomes() {
        return outcomes;
    }

    private static String line(RecordOutcome outcome) {
        String object = "s3://" + outcome.object().bucket() + "/" + outcome.object().key() + " -> ";
        return object + switch (outcome) {
            case RecordOutcome.Scored scored -> scored.verdict() + ", result at " + scored.resultKey();
            case RecordOutcome.Rejected rejected -> "rejected (" + rejected.status() + "), problem at "
                    + rejected.resultKey();
            case RecordOutcome.Ignored ignored -> "ignored: " + ignored.reason();
            case RecordOutcome.Failed failed -> "failed: " + failed.reason();
        };
    }
}
