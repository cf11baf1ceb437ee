package dev.defactify.function.s3;

import io.micronaut.crac.OrderedResource;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The one S3 client of the process, built on first use from the SDK's standard configuration (credentials and
 * region chains, {@code AWS_ENDPOINT_URL_S3}), so that a local model directory needs no AWS set-up at all.
 * The URL-connection HTTP client starts fastest, which is what a Lambda cold start pays for.
 *
 * <p>A SnapStart snapshot must not carry a client built before it: its credentials, connections and region
 * were those of the environment that published the version. The client is dropped before the checkpoint
 * and rebuilt on the first use after restore (micronaut-crac registers this bean's hooks with CRaC).
 */
public final class S3Access implements OrderedResource, AutoCloseable {
    private S3Client client;

    public synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        close();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing: the next client() call builds a fresh client in the restored environment
    }
}
