package dev.defactify.function.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every HTTP request an id, answers it in {@value #HEADER} and puts it on the log lines written while the
 * request is served. Problem details are written for clients and say nothing of our libraries; the log says what
 * happened inside, and this id is how an operator finds those lines from a client's report.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    /** The same MDC key the S3 and Batch Operations handlers use for the Lambda request id. */
    static final String MDC_KEY = "awsRequestId";
    private static final String ATTRIBUTE = RequestIds.class.getName();
    /** A caller's id is kept only when it cannot smuggle anything into a header or a log line. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    @RequestFilter
    public void assign(HttpRequest<?> request) {
        String given = request.getHeaders().get(HEADER);
        request.setAttribute(ATTRIBUTE, given != null && SAFE.matcher(given).matches()
                ? given : UUID.randomUUID().toString());
    }

    @ResponseFilter
    public void answer(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header(HEADER, of(request));
    }

    static String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElse("unassigned");
    }

    /** Closes what it opened: the server's threads serve other requests next. */
    static MDC.MDCCloseable inLog(HttpRequest<?> request) {
        return MDC.putCloseable(MDC_KEY, of(request));
    }
}
