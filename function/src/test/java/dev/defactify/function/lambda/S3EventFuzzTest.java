package dev.defactify.function.lambda;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.defactify.function.events.MalformedEventException;
import dev.defactify.function.events.RecordOutcome;
import dev.defactify.function.events.RecordsFailedException;
import dev.defactify.function.events.S3EventReport;
import dev.defactify.function.testing.ModelessContext;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Any bytes as an S3 notification event, deserialized as the Lambda runtime does and handled: each record is
 * answered (no bucket is allowed here, so each one that names an object fails for good, which fails the invocation
 * with {@link RecordsFailedException}), or the event is refused as a whole with {@link MalformedEventException}.
 * Any other exception is a finding.
 * Seeds: {@code S3EventFuzzTestInputs/handle/}, from {@code function/events/}.
 */
class S3EventFuzzTest {
    @TempDir
    static Path noModel;
    static ApplicationContext context;
    static S3EventHandler handler;

    @BeforeAll
    static void start() {
        context = ModelessContext.start(noModel);
        handler = new S3EventHandler(context);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @FuzzTest
    @Timeout(10)
    void handle(byte[] json) {
        FuzzedEvents.asEvent(json, S3Event.class).ifPresent(event -> {
            int records = event.getRecords() == null ? 0 : event.getRecords().size();
            try {
                S3EventReport report = handler.handleRequest(event, new MockLambdaContext());
                assertEquals(records, report.getRecords().size());
            } catch (RecordsFailedException e) {
                // Without S3 access nothing can fail for a reason a retry fixes.
                for (RecordOutcome.Failed failed : e.failures()) {
                    assertFalse(failed.retryable(), failed::toString);
                }
            } catch (MalformedEventException e) {
                // refused as a whole, with a sentence
            }
        });
    }
}
