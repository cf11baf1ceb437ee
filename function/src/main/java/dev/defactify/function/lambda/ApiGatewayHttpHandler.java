package dev.defactify.function.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/** Lambda entry point for an API Gateway HTTP API (payload 2.0): the controllers of DESIGN §4. */
public class ApiGatewayHttpHandler extends APIGatewayV2HTTPEventFunction {

    public ApiGatewayHttpHandler() {
    }

    public ApiGatewayHttpHandler(ApplicationContext context) {
        super(context);
    }
}
