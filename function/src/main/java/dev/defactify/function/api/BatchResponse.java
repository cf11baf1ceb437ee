package dev.defactify.function.api;

import dev.defactify.function.problem.Problem;

import java.util.List;

/** One entry per requested item, in request order: a detection, or {@code {"error": problem}}. */
public record BatchResponse(List<Object> results) {

    public record ItemError(Problem error) {
    }
}
