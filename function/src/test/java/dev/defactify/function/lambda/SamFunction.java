package dev.defactify.function.lambda;

import dev.defactify.testing.cloudformation.CloudFormationYaml;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One {@code AWS::Serverless::Function} of template.yaml, reduced to what the runtime needs to start it. A
 * property missing from the resource comes from {@code Globals.Function}, as SAM merges them, and then from
 * Lambda's own defaults; everything else in the template is ignored.
 *
 * @param name what Lambda calls the function (here: the logical id)
 */
record SamFunction(String name, String handler, String runtime, int memoryMb, Duration timeout, String logFormat,
                   boolean snapStart) {
    static final String TYPE = "AWS::Serverless::Function";
    /** Lambda's defaults when neither the resource nor Globals set them. */
    static final int DEFAULT_MEMORY_MB = 128;
    static final int DEFAULT_TIMEOUT_SECONDS = 3;

    /** The function as another handler would run it: same settings, e.g. the HTTP API handler that has no resource. */
    SamFunction withHandler(String name, String otherHandler) {
        return new SamFunction(name, otherHandler, runtime, memoryMb, timeout, logFormat, snapStart);
    }

    @SuppressWarnings("unchecked")
    static SamFunction fromTemplate(Path template, String logicalId) throws IOException {
        Map<String, Object> document = CloudFormationYaml.load(template);
        Map<String, Object> resources = (Map<String, Object>) document.getOrDefault("Resources", Map.of());
        Map<String, Object> resource = (Map<String, Object>) resources.get(logicalId);
        if (resource == null || !TYPE.equals(resource.get("Type"))) {
            throw new IllegalArgumentException(template + " has no " + TYPE + " named " + logicalId + "; it has "
                    + resources.keySet());
        }
        Map<String, Object> properties = (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
        Map<String, Object> globals = (Map<String, Object>) ((Map<String, Object>) document
                .getOrDefault("Globals", Map.of())).getOrDefault("Function", Map.of());
        Object handler = property(properties, globals, "Handler");
        if (!(handler instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(logicalId + " has no literal Handler (resource or Globals.Function): "
                    + handler);
        }
        Object runtime = property(properties, globals, "Runtime");
        Map<String, Object> parameters = (Map<String, Object>) document.getOrDefault("Parameters", Map.of());
        Object logging = property(properties, globals, "LoggingConfig");
        Object logFormat = logging instanceof Map<?, ?> config ? config.get("LogFormat") : null;
        return new SamFunction(logicalId, text, runtime instanceof String r ? r : String.valueOf(runtime),
                number(property(properties, globals, "MemorySize"), parameters, DEFAULT_MEMORY_MB),
                Duration.ofSeconds(number(property(properties, globals, "Timeout"), parameters,
                        DEFAULT_TIMEOUT_SECONDS)),
                logFormat instanceof String format ? format : "Text",
                property(properties, globals, "SnapStart") instanceof Map<?, ?> snapStart
                        && "PublishedVersions".equals(snapStart.get("ApplyOn")));
    }

    private static Object property(Map<String, Object> properties, Map<String, Object> globals, String name) {
        return properties.containsKey(name) ? properties.get(name) : globals.get(name);
    }

    /**
     * A literal number, or a {@code !Ref} to a parameter, which deploys with its default unless overridden; any other
     * intrinsic cannot be resolved here, so Lambda's default holds.
     */
    @SuppressWarnings("unchecked")
    private static int number(Object value, Map<String, Object> parameters, int fallback) {
        if (value instanceof Map<?, ?> intrinsic && intrinsic.get("Ref") instanceof String name
                && parameters.get(name) instanceof Map<?, ?> parameter) {
            return number(((Map<String, Object>) parameter).get("Default"), Map.of(), fallback);
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        if (value instanceof String text && text.strip().matches("\\d+")) {
            return Integer.parseInt(text.strip());
        }
        return fallback;
    }
}
