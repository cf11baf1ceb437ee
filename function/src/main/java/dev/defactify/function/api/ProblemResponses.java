package dev.defactify.function.api;

import dev.defactify.function.problem.Problem;
import dev.defactify.function.problem.ProblemException;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.stream.Collectors;

/**
 * Every error leaves as {@code application/problem+json}: ours (a {@link ProblemException}) and the framework's
 * own (unknown route, wrong method or media type, unparsable parameter, body over the size limit). A 5xx never
 * carries the exception's text: it is logged here and the client gets a generic detail.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
@Produces(Problem.MEDIA_TYPE)
public final class ProblemResponses implements ErrorResponseProcessor<Problem>,
        ExceptionHandler<ProblemException, HttpResponse<Problem>> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    @Override
    @SuppressWarnings("rawtypes") // the interface declares the raw type
    public HttpResponse<Problem> handle(HttpRequest request, ProblemException exception) {
        Problem problem = exception.problem();
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status())).body(problem)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        int status = base.code();
        String detail;
        if (status >= 500) {
            context.getRootCause().ifPresent(cause -> LOG.error("request {} {} {} failed",
                    RequestIds.of(context.getRequest()), context.getRequest().getMethod(),
                    context.getRequest().getPath(), cause));
            detail = "the request could not be completed; the error was logged";
        } else {
            detail = context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "));
            if (detail.isBlank()) {
                detail = base.reason();
            }
        }
        Problem problem = new Problem("about:blank", HttpStatus.valueOf(status).getReason(), status, detail);
        return base.body(problem).contentType(Problem.MEDIA_TYPE);
    }
}
