package dev.defactify.function.lambda;

import dev.defactify.function.problem.Problem;
import dev.defactify.function.problem.ProblemKind;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.http.CaseInsensitiveMutableHttpHeaders;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Refuses API Gateway events whose headers HTTP cannot carry (a name that is not a token, a control character in a
 * value) before Micronaut's proxy sees them. The proxy validates headers only when the request lifecycle first reads
 * them, and its IllegalArgumentException then becomes a 500 the client cannot act on; found by fuzzing
 * (HttpApiEventFuzzTest, RestApiEventFuzzTest). The check is Micronaut's own, so it refuses exactly what the proxy
 * would fail on.
 */
final class HeaderCheck {
    private HeaderCheck() {
    }

    /** The 400 problem for the first invalid header, or empty when every header is valid; null maps are none. */
    static Optional<Problem> refusal(Map<String, String> headers, Map<String, List<String>> multiValueHeaders) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> all.computeIfAbsent(name, ignored -> new ArrayList<>()).add(value));
        }
        if (multiValueHeaders != null) {
            multiValueHeaders.forEach((name, values) -> {
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
            return Optional.of(ProblemKind.MALFORMED_REQUEST.with("invalid header: " + e.getMessage()));
        }
    }
}
