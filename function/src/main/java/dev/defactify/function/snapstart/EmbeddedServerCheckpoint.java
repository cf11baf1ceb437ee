package dev.defactify.function.snapstart;

import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanRegistration;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.crac.OrderedResource;
import io.micronaut.crac.resources.NettyEmbeddedServerResource;
import io.micronaut.http.server.netty.NettyEmbeddedServer;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * Stops the embedded HTTP server before a snapshot and starts it again after the restore, but only a server that
 * was running. It replaces micronaut-crac's own resource, which starts the server after every restore whether it ran
 * or not: in a Lambda function the server never runs (API Gateway events arrive through the handler), so every
 * restored execution environment would have opened a server on port 8080, and one that could not bind would exit
 * (LambdaRuntimeIT found it under the runtime client's snap-start init).
 */
@Singleton
@Replaces(NettyEmbeddedServerResource.class)
public final class EmbeddedServerCheckpoint implements OrderedResource {
    private final BeanContext beans;
    private final List<NettyEmbeddedServer> stopped = new ArrayList<>();

    public EmbeddedServerCheckpoint(BeanContext beans) {
        this.beans = beans;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // only servers that exist already: looking one up by type would create it
        for (BeanRegistration<NettyEmbeddedServer> server : beans.getActiveBeanRegistrations(NettyEmbeddedServer.class)) {
            if (server.bean().isRunning()) {
                server.bean().stopServerOnly();
                stopped.add(server.bean());
            }
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        stopped.forEach(NettyEmbeddedServer::start);
        stopped.clear();
    }

    @Override
    public int getOrder() {
        return NettyEmbeddedServerResource.ORDER;
    }
}
