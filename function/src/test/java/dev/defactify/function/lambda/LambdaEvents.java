package dev.defactify.function.lambda;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The event files under function/events/ (the ones {@code sam local invoke -e} takes), deserialized with the
 * serializers the AWS Lambda Java runtime itself uses for these event classes.
 */
final class LambdaEvents {
    static final Path FOLDER = Path.of("events");

    private LambdaEvents() {
    }

    static String json(String file) {
        try {
            return Files.readString(FOLDER.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(String file, Class<T> type) {
        return fromJson(json(file), type);
    }

    static <T> T fromJson(String json, Class<T> type) {
        return LambdaEventSerializers.serializerFor(type, LambdaEvents.class.getClassLoader()).fromJson(json);
    }
}
