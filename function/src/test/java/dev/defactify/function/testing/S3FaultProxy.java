package dev.defactify.function.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
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
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP proxy on loopback in front of the S3 test server that answers chosen requests with a real S3 error
 * (503 SlowDown, 500 InternalError, 403 AccessDenied) and passes everything else through byte for byte, so the
 * code under test meets those failures through the real SDK over real HTTP, retries included.
 *
 * <p>With {@link #injectAtRates} it also injects faults of every {@link FaultKind} into any request at fixed rates.
 * Whether a request meets a fault depends only on the seed, the request (method, path, query) and how many times
 * that same request came before, never on timing or on what other threads do: a run is reproducible, and its
 * faults are the same whichever order concurrent requests arrive in. The proxy records every write that reached
 * the server, so a test can tell two different contents written to one key from the same content written twice.
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

    /** What {@link #injectAtRates} can do to a request. */
    public enum FaultKind {
        /** 500 InternalError; the request never reaches the server. */
        INTERNAL_ERROR,
        /** 503 SlowDown (S3's throttling); the request never reaches the server. */
        SLOW_DOWN,
        /** The connection closes without an answer; the request never reaches the server. */
        RESET,
        /**
         * The request reaches the server, then the connection closes during the answer: after the headers and half
         * of the body, or, for an answer without a body (a PUT's), before anything: the write took effect and the
         * client cannot know.
         */
        RESET_MID_BODY,
        /** Forwarded, answered in full, after {@link Rates#delay}. */
        LATENCY
    }

    /**
     * The share of requests each kind of fault gets (together at most 1), drawn from {@code seed}.
     */
    public record Rates(long seed, double internalError, double slowDown, double reset, double resetMidBody,
                        double latency, Duration delay) {
        public Rates {
            if (internalError + slowDown + reset + resetMidBody + latency > 1) {
                throw new IllegalArgumentException("rates add up to more than 1");
            }
        }

        /** The fault for the {@code attempt}-th (from 0) sending of {@code request}, if any. */
        Optional<FaultKind> draw(String request, int attempt) {
            double u = uniform(seed ^ (long) request.hashCode() << 32 ^ attempt);
            double[] bounds = {internalError, slowDown, reset, resetMidBody, latency};
            double below = 0;
            for (int i = 0; i < bounds.length; i++) {
                below += bounds[i];
                if (u < below) {
                    return Optional.of(FaultKind.values()[i]);
                }
            }
            return Optional.empty();
        }

        /** SplitMix64's finaliser: neighbouring inputs give unrelated outputs, which java.util.Random's seeds do not. */
        private static double uniform(long x) {
            long z = x + 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            return (z >>> 11) * 0x1.0p-53;
        }
    }

    /**
     * A write the server accepted (2xx), with its payload as the server stored it.
     *
     * @param path the decoded request path, {@code /bucket/key}
     * @param query the raw query, empty for an object write ({@code tagging} for tags)
     */
    public record Write(String path, String query, byte[] payload) {
    }

    private final URI target;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private volatile Rates rates;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<FaultKind, AtomicInteger> injected = new EnumMap<>(FaultKind.class);
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Write> writes = new CopyOnWriteArrayList<>();

    private S3FaultProxy(URI target) throws IOException {
        this.target = target;
        for (FaultKind kind : FaultKind.values()) {
            injected.put(kind, new AtomicInteger());
        }
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

    /** Requests {@code fault} answered reach the server again. */
    public void stopFailing(Fault fault) {
        faults.remove(fault);
    }

    /** From now on, every request not answered by a {@link Fault} meets a fault at these rates. */
    public void injectAtRates(Rates rates) {
        this.rates = rates;
    }

    public void stopInjecting() {
        this.rates = null;
    }

    /** {@code METHOD path -> status} for every request answered with a fault, in order. */
    public List<String> faultsAnswered() {
        return List.copyOf(answered);
    }

    /** How many requests met each kind of fault drawn at the {@link Rates}. */
    public Map<FaultKind, Integer> injected() {
        Map<FaultKind, Integer> counts = new EnumMap<>(FaultKind.class);
        injected.forEach((kind, count) -> counts.put(kind, count.get()));
        return counts;
    }

    /** Every request the proxy received. */
    public int requests() {
        return requests.get();
    }

    /** Every PUT the server accepted, in the order it answered them. */
    public List<Write> writes() {
        return List.copyOf(writes);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            for (Fault fault : faults) {
                if (fault.method().equals(method) && path.endsWith(fault.pathSuffix())) {
                    answered.add(method + " " + path + " -> " + fault.status());
                    if (fault.status() == DROP) {
                        return; // nothing sent: closing the exchange drops the connection
                    }
                    sendError(exchange, method, fault.status(), fault.code());
                    return;
                }
            }
            Rates now = rates;
            Optional<FaultKind> drawn = Optional.empty();
            if (now != null) {
                String request = method + " " + exchange.getRequestURI().getRawPath() + "?"
                        + Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
                int attempt = attempts.computeIfAbsent(request, key -> new AtomicInteger()).getAndIncrement();
                drawn = now.draw(request, attempt);
                drawn.ifPresent(kind -> injected.get(kind).incrementAndGet());
            }
            switch (drawn.orElse(null)) {
                case null -> forward(exchange, method, false);
                case INTERNAL_ERROR -> sendError(exchange, method, 500, "InternalError");
                case SLOW_DOWN -> sendError(exchange, method, 503, "SlowDown");
                case RESET -> exchange.getRequestBody().readAllBytes(); // and hang up
                case RESET_MID_BODY -> forward(exchange, method, true);
                case LATENCY -> {
                    sleep(now.delay());
                    forward(exchange, method, false);
                }
            }
        }
    }

    private static void sendError(HttpExchange exchange, String method, int status, String code) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code
                + "</Code><Message>injected by S3FaultProxy</Message><RequestId>FAULT</RequestId></Error>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, method.equals("HEAD") ? -1 : body.length);
        if (!method.equals("HEAD")) {
            exchange.getResponseBody().write(body);
        }
    }

    /** @param cut hang up halfway through the answer (see {@link FaultKind#RESET_MID_BODY}) */
    private void forward(HttpExchange exchange, String method, boolean cut) throws IOException {
        byte[] requestBody = exchange.getRequestBody().readAllBytes();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().getRawPath()
                        + (rawQuery == null ? "" : "?" + rawQuery)))
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
        if (method.equals("PUT") && response.statusCode() / 100 == 2) {
            writes.add(new Write(exchange.getRequestURI().getPath(), rawQuery == null ? "" : rawQuery,
                    payload(exchange, requestBody)));
        }
        byte[] body = response.body();
        boolean noBody = method.equals("HEAD") || response.statusCode() == 204 || response.statusCode() == 304;
        if (cut && (noBody || body.length == 0)) {
            return; // the server acted on it; the client never hears so
        }
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT)) && !header.getKey().startsWith(":")) {
                exchange.getResponseHeaders().put(header.getKey(), header.getValue());
            }
        }
        if (noBody) {
            // A HEAD answer keeps the object's length, which the SDK reads as the object size.
            response.headers().firstValue("Content-Length")
                    .ifPresent(length -> exchange.getResponseHeaders().set("Content-Length", length));
        }
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : body.length == 0 ? -1 : body.length);
        if (!noBody && body.length > 0) {
            OutputStream out = exchange.getResponseBody();
            if (cut) {
                // Fewer bytes than the Content-Length promised: the exchange's close fails and drops the connection.
                out.write(body, 0, body.length / 2);
                out.flush();
                return;
            }
            try (out) {
                out.write(body);
            }
        }
    }

    /** What the server stores: the request body, unwrapped from the SDK's aws-chunked framing where it used it. */
    private static byte[] payload(HttpExchange exchange, byte[] body) {
        String encoding = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Encoding")).orElse("");
        String sha = Optional.ofNullable(exchange.getRequestHeaders().getFirst("x-amz-content-sha256")).orElse("");
        return encoding.contains("aws-chunked") || sha.startsWith("STREAMING-") ? awsChunked(body) : body;
    }

    /** {@code hex-size[;chunk-signature=…]\r\n bytes \r\n}, repeated, ending with a zero-size chunk and trailers. */
    static byte[] awsChunked(byte[] framed) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(framed.length);
        int at = 0;
        while (at < framed.length) {
            int lineEnd = indexOfCrLf(framed, at);
            String header = new String(framed, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";", 2)[0].strip(), 16);
            if (size == 0) {
                break;
            }
            payload.write(framed, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return payload.toByteArray();
    }

    private static int indexOfCrLf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("aws-chunked body without a line end after " + from);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
