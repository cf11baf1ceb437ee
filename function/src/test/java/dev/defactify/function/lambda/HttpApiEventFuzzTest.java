package dev.defactify.function.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.defactify.function.testing.ModelessContext;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * Any bytes as an API Gateway HTTP API (payload 2.0) event: deserialized as the Lambda runtime does, translated to a
 * request by Micronaut's proxy, routed to our controllers, answered. Every answer must be a client error or the
 * model's absence ({@link FuzzedEvents#assertAnswered}); an exception out of the handler is a finding. Seeds:
 * {@code HttpApiEventFuzzTestInputs/handle/}, from {@code function/events/}.
 */
class HttpApiEventFuzzTest {
    @TempDir
    static Path noModel;
    static ApplicationContext context;
    static ApiGatewayHttpHandler handler;

    @BeforeAll
    static void start() {
        context = ModelessContext.start(noModel);
        handler = new ApiGatewayHttpHandler(context);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @FuzzTest
    @Timeout(10)
    void handle(byte[] json) {
        FuzzedEvents.asEvent(json, APIGatewayV2HTTPEvent.class).ifPresent(event -> {
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, new MockLambdaContext());
            FuzzedEvents.assertAnswered(response.getStatusCode(), response.getBody());
        });
    }
}
