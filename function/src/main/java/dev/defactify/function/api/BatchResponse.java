package dev.defactify.function.api;

import dev.defactify.function.problem.Problem;
import dev.defactify.function.scoring.Detection;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** One entry per requested item, in request order: a detection, or {@code {"error": problem}}. */
public record BatchResponse(
        @ArraySchema(schema = @Schema(oneOf = {Detection.class, ItemError.class}))
        List<Object> results) {

    /** An item that could not be scored, in the item's place. */
    public record ItemError(Problem error) {
    }
}
