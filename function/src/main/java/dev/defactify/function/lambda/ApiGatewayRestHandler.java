package dev.defactify.function.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.function.problem.Problem;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;

import java.util.Map;
import java.util.Optional;

/** Lambda entry point for an API Gateway REST API (proxy integration, payload 1.0): the controllers of DESIGN §4. */
public class ApiGatewayRestHandler extends ApiGatewayProxyRequestEventFunction {

    public ApiGatewayRestHandler() {
    }

    public ApiGatewayRestHandler(ApplicationContext context) {
        super(context);
    }

    /** As the proxy handles it, except that an event it cannot make a request of is a 400 ({@link ProxyEventCheck}). */
    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        Optional<Problem> refusal = ProxyEventCheck.refusal(event);
        if (refusal.isPresent()) {
            return new APIGatewayProxyResponseEvent().withStatusCode(refusal.get().status())
                    .withHeaders(Map.of("Content-Type", Problem.MEDIA_TYPE))
                    .withBody(ApiGatewayHttpHandler.json(applicationContext.getBean(ObjectMapper.class),
                            refusal.get()));
        }
        return super.handleRequest(event, context);
    }
}
