package dev.defactify.function.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.function.batch.BatchJob;
import dev.defactify.function.batch.BatchJobProcessor;
import dev.defactify.function.batch.BatchJobReader;
import dev.defactify.function.batch.MalformedJobException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.HandlerUtils;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import io.micronaut.function.aws.MicronautLambdaContext;
import io.micronaut.function.executor.AbstractExecutor;
import jakarta.inject.Inject;
import org.slf4j.MDC;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Lambda entry point for S3 Batch Operations "Invoke AWS Lambda function" jobs, invocation schema 1.0 and 2.0
 * alike; it only translates bytes to {@link BatchJob} and the answer back.
 *
 * <p>A {@link RequestStreamHandler} that reads and writes with the application's own Jackson, not a
 * {@code RequestHandler} whose input and output the Lambda runtime's serializer would map: the S3 User Guide asks
 * Java functions for S3 Batch Operations to be stream handlers (its serializer otherwise produces "Invalid JSON
 * returned in Lambda payload"), one handler has to read both schemas, which only the version field tells apart,
 * and a malformed invocation must fail with a sentence rather than a runtime mapping error.
 *
 * <p>The Micronaut context is built exactly as {@code MicronautRequestHandler} builds it for
 * {@link S3EventHandler} (same builder, same beans, SnapStart priming included), and each invocation registers the
 * Lambda context and the {@value S3EventHandler#REQUEST_ID} MDC key the same way.
 */
public class BatchOperationsHandler extends AbstractExecutor<Context>
        implements RequestStreamHandler, MicronautLambdaContext {

    @Inject
    BatchJobProcessor processor;

    @Inject
    ObjectMapper json;

    /** What Lambda calls: builds and starts the application context during init. */
    @SuppressWarnings("this-escape") // as in MicronautRequestHandler: the context injects this handler's fields
    public BatchOperationsHandler() {
        buildApplicationContext(null);
        startEnvironment(applicationContext);
        applicationContext.inject(this);
    }

    /** For tests and local runs that share one started context. */
    @SuppressWarnings("this-escape")
    public BatchOperationsHandler(ApplicationContext context) {
        this.applicationContext = context;
        startEnvironment(context);
        context.inject(this);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return new LambdaApplicationContextBuilder();
    }

    /**
     * @throws MalformedJobException when the input is not an S3 Batch Operations invocation; a bad task is
     *                               answered, never thrown
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HandlerUtils.configureWithContext(this, context);
        try (MDC.MDCCloseable ignored = MDC.putCloseable(S3EventHandler.REQUEST_ID,
                context == null ? "local" : context.getAwsRequestId())) {
            BatchJob job;
            try {
                job = BatchJobReader.read(json.readTree(input));
            } catch (JsonProcessingException e) {
                throw new MalformedJobException("not an S3 Batch Operations invocation: not JSON ("
                        + e.getOriginalMessage() + ")", e);
            } catch (CharConversionException e) {
                // Jackson's reader for bytes it takes for UTF-32 says so with this I/O exception, not a parse error.
                throw new MalformedJobException("not an S3 Batch Operations invocation: not JSON text ("
                        + e.getMessage() + ")", e);
            }
            // Written as bytes: the object mapper would otherwise close the runtime's stream itself.
            output.write(json.writeValueAsBytes(processor.process(job)));
        }
    }
}
