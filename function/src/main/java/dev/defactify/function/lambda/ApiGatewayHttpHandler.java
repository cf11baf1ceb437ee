package dev.defactify.function.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.function.problem.Problem;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** Lambda entry point for an API Gateway HTTP API (payload 2.0): the controllers of DESIGN §4. */
public class ApiGatewayHttpHandler extends APIGatewayV2HTTPEventFunction {

    public ApiGatewayHttpHandler() {
    }

    public ApiGatewayHttpHandler(ApplicationContext context) {
        super(context);
    }

    /** As the proxy handles it, except that an event it cannot make a request of is a 400 ({@link ProxyEventCheck}). */
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        Optional<Problem> refusal = ProxyEventCheck.refusal(event);
        if (refusal.isPresent()) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(refusal.get().status())
                    .withHeaders(Map.of("Content-Type", Problem.MEDIA_TYPE))
                    .withBody(json(applicationContext.getBean(ObjectMapper.class), refusal.get())).build();
        }
        return super.handleRequest(event, context);
    }

    static String json(ObjectMapper mapper, Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a record of three strings and an int always serializes
        }
    }
}
