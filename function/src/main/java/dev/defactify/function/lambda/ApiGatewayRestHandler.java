package dev.defactify.function.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;

/** Lambda entry point for an API Gateway REST API (proxy integration, payload 1.0): the controllers of DESIGN §4. */
public class ApiGatewayRestHandler extends ApiGatewayProxyRequestEventFunction {

    public ApiGatewayRestHandler() {
    }

    public ApiGatewayRestHandler(ApplicationContext context) {
        super(context);
    }
}
