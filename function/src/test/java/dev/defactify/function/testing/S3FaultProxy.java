package dev.defactify.function.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP proxy on loopback in front of the S3 test server that answers chosen requests with a real S3 error
 * (503 SlowDown, 500 InternalError, 403 AccessDenied) and passes everything else through byte for byte, so the
 * code under test meets those failures through the real SDK over real HTTP, retries included.
 */
public final class S3FaultProxy implements AutoCloseable {
    /** Headers the JDK client sets itself or refuses to forward. */
    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "transfer-encoding", "keep-alive", "date");

    /**
     * Answer {@code method} requests whose decoded path ends with {@code pathSuffix} with an S3 error, or, with
     * status {@link #DROP}, hang up without answering (a network failure).
     */
    public record Fault(String method, String pathSuffix, int status, String code) {
    }

    public static final int DROP = 0;

    private final URI target;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<String> answered = new CopyOnWriteArrayList<>();

    private S3FaultProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public static S3FaultProxy inFrontOf(URI target) {
        try {
            return new S3FaultProxy(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void fail(Fault fault) {
        faults.add(fault);
    }

    /** {@code METHOD path -> status} for every request answered with a fault, in order. */
    public List<String> faultsAnswered() {
        return List.copyOf(answered);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            for (Fault fault : faults) {
                if (fault.method().equals(method) && path.endsWith(fault.pathSuffix())) {
                    answered.add(method + " " + path + " -> " + fault.status());
                    if (fault.status() == DROP) {
                        return; // nothing sent: closing the exchange drops the connection
                    }
                    byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + fault.code()
                            + "</Code><Message>injected by S3FaultProxy</Message><RequestId>FAULT</RequestId></Error>")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/xml");
                    exchange.sendResponseHeaders(fault.status(), method.equals("HEAD") ? -1 : body.length);
                    if (!method.equals("HEAD")) {
                        exchange.getResponseBody().write(body);
                    }
                    return;
                }
            }
            forward(exchange, method);
        }
    }

    private void forward(HttpExchange exchange, String method) throws IOException {
        byte[] requestBody = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())))
                .method(method, requestBody.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(requestBody));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT)) && !header.getKey().startsWith(":")) {
                exchange.getResponseHeaders().put(header.getKey(), header.getValue());
            }
        }
        byte[] body = response.body();
        boolean noBody = method.equals("HEAD") || response.statusCode() == 204 || response.statusCode() == 304;
        if (noBody) {
            // A HEAD answer keeps the object's length, which the SDK reads as the object size.
            response.headers().firstValue("Content-Length")
                    .ifPresent(length -> exchange.getResponseHeaders().set("Content-Length", length));
        }
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : body.length == 0 ? -1 : body.length);
        if (!noBody && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
