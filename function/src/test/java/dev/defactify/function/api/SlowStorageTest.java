package dev.defactify.function.api;

import dev.defactify.function.testing.S3FaultProxy;
import dev.defactify.function.testing.TestImages;
import dev.defactify.function.testing.TestModels;
import dev.defactify.testing.s3.S3TestServer;
import dev.defactify.testing.s3.SdkDefaults;
import dev.defactify.testing.s3.TestBucket;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A slow S3 delays the requests that read from it, and only those: requests with the image in their body, and the
 * health check, are answered while every connection the server's event loops serve has an {@code s3Uri} read
 * waiting on storage.
 */
@ExtendWith(S3TestServer.Extension.class)
class SlowStorageTest {
    static final Duration STORAGE_DELAY = Duration.ofSeconds(3);

    static SdkDefaults sdk;
    static S3FaultProxy proxy;
    static TestBucket bucket;
    static ApplicationContext context;
    static URI base;

    @BeforeAll
    static void start(S3TestServer s3) {
        sdk = s3.useAsSdkDefaults();
        proxy = S3FaultProxy.inFrontOf(s3.endpoint());
        bucket = s3.newBucket("slow-storage");
        bucket.put("slow.jpg", TestImages.jpeg(160, 120, 1));
        System.setProperty("aws.endpointUrlS3", proxy.endpoint().toString());
        context = ApplicationContext.builder().properties(Map.of("model.uri", TestModels.small().toString(),
                "allowed.buckets", bucket.name(), "micronaut.server.port", -1)).start();
        base = URI.create(context.getBean(EmbeddedServer.class).start().getURL() + "/");
    }

    @AfterAll
    static void stop() {
        context.close();
        proxy.close();
        sdk.close();
    }

    @Test
    void requestsThatDoNotReadFromS3AreNotHeldUpByOnesThatDo() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        proxy.injectAtRates(new S3FaultProxy.Rates(1, 0, 0, 0, 0, 1, STORAGE_DELAY));
        // Netty runs two event loops per core: two waiting reads on each, whichever way connections are spread.
        int slow = 4 * Runtime.getRuntime().availableProcessors();
        List<CompletableFuture<HttpResponse<String>>> reads = new ArrayList<>();
        for (int i = 0; i < slow; i++) {
            reads.add(client.sendAsync(json("{\"s3Uri\": \"" + bucket.uri("slow.jpg") + "\"}"),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(500); // every read is now waiting on the proxy

        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> quick = new ArrayList<>();
        for (int i = 0; i < slow; i++) {
            quick.add(client.sendAsync(HttpRequest.newBuilder(base.resolve("v1/detections"))
                    .header("Content-Type", "image/jpeg")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(TestImages.jpeg(64, 48, i))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        quick.add(client.sendAsync(HttpRequest.newBuilder(base.resolve("health")).build(),
                HttpResponse.BodyHandlers.ofString()));
        for (CompletableFuture<HttpResponse<String>> response : quick) {
            assertEquals(200, response.get().statusCode(), response.get().body());
        }
        long quickMillis = (System.nanoTime() - start) / 1_000_000;
        boolean readsStillWaiting = reads.stream().noneMatch(CompletableFuture::isDone);
        for (CompletableFuture<HttpResponse<String>> response : reads) {
            assertEquals(200, response.get().statusCode(), response.get().body());
        }
        proxy.stopInjecting();
        assertTrue(quickMillis < STORAGE_DELAY.toMillis() / 2 && readsStillWaiting, slow + " uploads and /health"
                + " took " + quickMillis + " ms behind " + slow + " S3 reads delayed " + STORAGE_DELAY.toMillis()
                + " ms (reads still waiting: " + readsStillWaiting + ")");
    }

    private static HttpRequest json(String body) {
        return HttpRequest.newBuilder(base.resolve("v1/detections")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
