package dev.defactify.function.testing;

import io.micronaut.context.ApplicationContext;

import java.nio.file.Path;
import java.util.Map;

/**
 * The function's application context with no model and no allowed bucket: every entry point parses and translates
 * its input exactly as in production, then stops at the first thing that would need a model (503) or S3 (403), so
 * the fuzz tests drive the parsers with neither.
 */
public final class ModelessContext {
    private ModelessContext() {
    }

    /** @param emptyDirectory where the model would be: it has no manifest, so the model is refused */
    public static ApplicationContext start(Path emptyDirectory) {
        return ApplicationContext.builder().properties(Map.of("model.uri", emptyDirectory.toString())).start();
    }
}
