package dev.defactify.function.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import dev.defactify.function.events.MalformedEventException;
import dev.defactify.function.events.S3EventProcessor;
import dev.defactify.function.events.S3EventReport;
import dev.defactify.function.events.S3Object;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.List;

/**
 * Lambda entry point for S3 ObjectCreated notifications. Returns a summary of the records; throws when a record
 * must be retried (see {@link dev.defactify.function.events.RecordsFailedException}), and when the event is not an S3
 * notification at all ({@link MalformedEventException}), before any record is scored.
 */
public class S3EventHandler extends MicronautRequestHandler<S3Event, S3EventReport> {
    static final String REQUEST_ID = "awsRequestId";

    @Inject
    S3EventProcessor processor;

    public S3EventHandler() {
    }

    public S3EventHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public S3EventReport execute(S3Event event) {
        List<S3EventNotification.S3EventNotificationRecord> records = event.getRecords() == null ? List.of()
                : event.getRecords();
        // Every log line of this invocation carries its request id, so CloudWatch queries can group them.
        try (MDC.MDCCloseable ignored = MDC.putCloseable(REQUEST_ID, getApplicationContext()
                .findBean(Context.class).map(Context::getAwsRequestId).orElse("local"))) {
            List<S3Object> objects = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                objects.add(object(records.get(i), i));
            }
            return new S3EventReport(processor.process(objects));
        }
    }

    /** @throws MalformedEventException when the record names no object */
    private static S3Object object(S3EventNotification.S3EventNotificationRecord record, int index) {
        S3EventNotification.S3Entity s3 = record == null ? null : record.getS3();
        String bucket = s3 == null || s3.getBucket() == null ? null : s3.getBucket().getName();
        String key = s3 == null || s3.getObject() == null ? null : s3.getObject().getKey();
        if (bucket == null || bucket.isBlank() || key == null || key.isEmpty()) {
            throw new MalformedEventException("record " + index + " of the event is not an S3 notification: it names "
                    + (bucket == null || bucket.isBlank() ? "no bucket (s3.bucket.name)" : "no key (s3.object.key)"));
        }
        try {
            return S3Object.fromEvent(bucket, key, s3.getObject().getVersionId(), s3.getObject().geteTag());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("record " + index + " of the event has key \"" + key
                    + "\", which is not URL-encoded: " + e.getMessage(), e);
        }
    }
}
