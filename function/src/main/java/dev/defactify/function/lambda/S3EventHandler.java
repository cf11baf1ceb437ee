package dev.defactify.function.lambda;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import dev.defactify.function.events.RecordOutcome;
import dev.defactify.function.events.S3EventProcessor;
import dev.defactify.function.events.S3Object;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Lambda entry point for S3 ObjectCreated notifications. Returns a summary per record; throws when a record
 * must be retried (see {@link dev.defactify.function.events.RecordsFailedException}).
 */
public class S3EventHandler extends MicronautRequestHandler<S3Event, List<RecordOutcome>> {
    @Inject
    S3EventProcessor processor;

    public S3EventHandler() {
    }

    public S3EventHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public List<RecordOutcome> execute(S3Event event) {
        List<S3EventNotification.S3EventNotificationRecord> records = event.getRecords() == null ? List.of()
                : event.getRecords();
        return processor.process(records.stream().map(S3EventHandler::object).toList());
    }

    private static S3Object object(S3EventNotification.S3EventNotificationRecord record) {
        S3EventNotification.S3Entity s3 = record.getS3();
        return S3Object.fromEvent(s3.getBucket().getName(), s3.getObject().getKey(), s3.getObject().getVersionId(),
                s3.getObject().geteTag());
    }
}
