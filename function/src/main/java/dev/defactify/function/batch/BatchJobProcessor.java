package dev.defactify.function.batch;

import dev.defactify.function.events.ObjectScorer;
import dev.defactify.function.events.RecordOutcome;
import dev.defactify.function.scoring.Detection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the tasks of one S3 Batch Operations invocation through the same per-object work as S3 events
 * ({@link ObjectScorer}: score, write the result JSON under the results prefix, tag) and turns each
 * {@link RecordOutcome} into a result code. Unlike an S3 event, a batch job answers task by task, so nothing here
 * throws for a task: S3 Batch retries the temporary failures and reports the permanent ones.
 */
public final class BatchJobProcessor {
    static final String ENTRY_POINT = "s3-batch";
    private static final Logger LOG = LoggerFactory.getLogger(BatchJobProcessor.class);

    private final ObjectScorer scorer;

    public BatchJobProcessor(ObjectScorer scorer) {
        this.scorer = scorer;
    }

    public BatchResponse process(BatchJob job) {
        List<TaskResult> results = new ArrayList<>(job.tasks().size());
        for (BatchTask task : job.tasks()) {
            TaskResult result = run(task);
            LOG.info("job {} task {}: {} {}", job.jobId(), task.taskId(), result.resultCode().wireName(),
                    result.resultString());
            results.add(result);
        }
        return BatchResponse.answering(job, results);
    }

    private TaskResult run(BatchTask task) {
        return switch (task) {
            case BatchTask.MalformedTask malformed -> new TaskResult(task.taskId(), ResultCode.PERMANENT_FAILURE,
                    "malformed task: " + malformed.reason());
            case BatchTask.ObjectTask objectTask -> {
                try {
                    yield result(task.taskId(), scorer.score(ENTRY_POINT, objectTask.object()));
                } catch (RuntimeException e) {
                    // A bug, not S3 or the image (those come back as outcomes): the other tasks still run, the
                    // stack trace goes to the log and only its first line to the completion report.
                    LOG.error("task {} on {} failed unexpectedly", task.taskId(), objectTask.object(), e);
                    yield new TaskResult(task.taskId(), ResultCode.PERMANENT_FAILURE, "unexpected error: " + e);
                }
            }
        };
    }

    static TaskResult result(String taskId, RecordOutcome outcome) {
        return switch (outcome) {
            case RecordOutcome.Scored scored -> new TaskResult(taskId, ResultCode.SUCCEEDED,
                    summary(scored.detection()) + " -> " + scored.resultKey());
            // Succeeded, not a failure: a back-fill manifest (an S3 Inventory of the whole bucket) lists our own
            // results too. Skipping them is the complete, correct handling of such a task; reported as failures they
            // would bury the real ones in the report and count toward the job's failure threshold, which stops a
            // job once half of its tasks fail.
            case RecordOutcome.Ignored ignored -> new TaskResult(taskId, ResultCode.SUCCEEDED,
                    "skipped: " + ignored.reason());
            case RecordOutcome.Rejected rejected -> new TaskResult(taskId, ResultCode.PERMANENT_FAILURE,
                    rejected.status() + " " + rejected.problem().title() + ": " + rejected.problem().detail()
                            + " (problem written to " + rejected.resultKey() + ")");
            case RecordOutcome.Failed failed -> new TaskResult(taskId, failed.retryable()
                    ? ResultCode.TEMPORARY_FAILURE : ResultCode.PERMANENT_FAILURE, failed.reason());
        };
    }

    /** {@code ai-generated 0.973 sd3}: the verdict, the AI probability and the most probable source. */
    private static String summary(Detection detection) {
        return detection.verdict() + " " + String.format(Locale.ROOT, "%.3f", detection.aiProbability()) + " "
                + detection.source().label();
    }
}
