package dev.defactify.function.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.defactify.function.problem.Problem;
import dev.defactify.function.problem.ProblemKind;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.http.CaseInsensitiveMutableHttpHeaders;
import io.micronaut.http.exceptions.UriSyntaxException;
import io.micronaut.http.uri.UriBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Refuses, with a 400 problem, API Gateway events that Micronaut's proxy cannot turn into a request: no HTTP method
 * or a path that is not a URI path (it throws a NullPointerException or UriSyntaxException out of the handler), or
 * headers HTTP cannot carry, a name that is not a token or a control character in a value (it validates them only
 * when the request lifecycle first reads them, and its IllegalArgumentException becomes a 500). All found by
 * fuzzing (HttpApiEventFuzzTest, RestApiEventFuzzTest); the path and header checks are Micronaut's own, so they
 * refuse exactly what the proxy would fail on.
 */
final class ProxyEventCheck {
    private ProxyEventCheck() {
    }

    static Optional<Problem> refusal(APIGatewayProxyRequestEvent event) {
        if (event == null || isBlank(event.getHttpMethod())) {
            return Optional.of(malformed("the event names no HTTP method (httpMethod)"));
        }
        return path(event.getPath(), "path").or(() -> headers(event.getHeaders(), event.getMultiValueHeaders()));
    }

    static Optional<Problem> refusal(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                || isBlank(event.getRequestContext().getHttp().getMethod())) {
            return Optional.of(malformed("the event names no HTTP method (requestContext.http.method)"));
        }
        return path(event.getRequestContext().getHttp().getPath(), "requestContext.http.path")
                .or(() -> headers(event.getHeaders(), null));
    }

    private static Optional<Problem> path(String path, String field) {
        if (path == null) {
            return Optional.of(malformed("the event names no path (" + field + ")"));
        }
        // API Gateway always sends an absolute path; one without the slash, a control character or a '%' that
        // starts no escape made Micronaut's routing fail with a 500 or an IllegalArgumentException (fuzzing).
        if (!path.startsWith("/")) {
            return Optional.of(malformed("the path (" + field + ") does not start with '/'"));
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of(malformed("the path (" + field + ") has a control character at index " + i));
            }
            if (c == '%' && !(i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2)))) {
                return Optional.of(malformed("the path (" + field + ") has a '%' at index " + i
                        + " that is not followed by two hex digits"));
            }
        }
        try {
            UriBuilder.of(path).build();
            return Optional.empty();
        } catch (UriSyntaxException | IllegalArgumentException e) {
            return Optional.of(malformed("the path (" + field + ") is not a URI path"));
        }
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static Optional<Problem> headers(Map<String, String> single, Map<String, List<String>> multi) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        if (single != null) {
            single.forEach((name, value) -> all.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value));
        }
        if (multi != null) {
            multi.forEach((name, values) -> {
                if (values != null) {
                    all.computeIfAbsent(name, ignored -> new ArrayList<>()).addAll(values);
                }
            });
        }
        all.values().forEach(values -> values.removeIf(Objects::isNull));
        try {
            new CaseInsensitiveMutableHttpHeaders(true, all, ConversionService.SHARED);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(malformed("invalid header: " + e.getMessage()));
        }
    }

    private static Problem malformed(String detail) {
        return ProblemKind.MALFORMED_REQUEST.with(detail);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
