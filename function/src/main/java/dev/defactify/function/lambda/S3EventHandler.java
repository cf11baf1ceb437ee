package dev.defactify.function.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import dev.defactify.function.events.S3EventProcessor;
import dev.defactify.function.events.S3EventReport;
import dev.defactify.function.events.S3Object;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.MDC;

import java.util.List;

/**
 * Lambda entry point for S3 ObjectCreated notifications. Returns a summary of the records; throws when a record
 * must be retried (see {@link dev.defactify.function.events.RecordsFailedException}).
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
            return new S3EventReport(processor.process(records.stream().map(S3EventHandler::object).toList()));
        }
    }

    private static S3Object object(S3EventNotification.S3EventNotificationRecord record) {
        S3EventNotification.S3Entity s3 = record.getS3();
        return S3Object.fromEvent(s3.getBucket().getName(), s3.getObject().getKey(), s3.getObject().getVersionId(),
                s3.getObject().geteTag());
    }
}
