package dev.defactify.function.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API (the HTTP interface between Lambda and a runtime) on loopback, serving one runtime
 * process. Only what the runtime interface client calls: {@code GET invocation/next} (long-polls until an event
 * is queued), {@code POST invocation/{id}/response|error}, {@code POST init/error}, and for SnapStart
 * {@code GET restore/next} (answered at once: "the snapshot was restored") and {@code POST restore/error}. Status
 * codes are the real API's: the RIC treats anything but 202 on an error post as a failure of its own.
 */
final class LoopbackRuntimeApi implements AutoCloseable {
    static final String VERSION_PREFIX = "/2018-06-01/runtime/";
    static final String REQUEST_ID = "Lambda-Runtime-Aws-Request-Id";
    static final String DEADLINE_MS = "Lambda-Runtime-Deadline-Ms";
    static final String FUNCTION_ARN = "Lambda-Runtime-Invoked-Function-Arn";
    static final String TRACE_ID = "Lambda-Runtime-Trace-Id";
    static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";
    private static final Pattern RESULT = Pattern.compile(
            "^" + Pattern.quote(VERSION_PREFIX) + "invocation/([^/]+)/(response|error)$");

    /** One event waiting for the runtime's next {@code GET next}. */
    record Invocation(String requestId, String payload, String functionArn, String traceId, Duration timeout) {
    }

    /** The body of {@code POST init/error}: the handler could not be loaded or constructed. */
    record InitError(String errorTypeHeader, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<InvocationResult>> pending = new ConcurrentHashMap<>();
    private final AtomicReference<InitError> initError = new AtomicReference<>();
    /** Requests the real API would not understand: a sign the RIC changed its protocol. */
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final AtomicInteger handedOut = new AtomicInteger();
    /** When the runtime asked {@code restore/next}, as the number of invocations handed out by then; -1 if never. */
    private final AtomicInteger restoredAfterInvocations = new AtomicInteger(-1);
    private final AtomicReference<InitError> restoreError = new AtomicReference<>();
    private volatile boolean closed;

    private LoopbackRuntimeApi(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static LoopbackRuntimeApi start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // A thread per exchange: GET next blocks for as long as the queue is empty.
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "runtime-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        LoopbackRuntimeApi api = new LoopbackRuntimeApi(server, executor);
        server.createContext(VERSION_PREFIX, api::handle);
        server.start();
        return api;
    }

    /** What AWS_LAMBDA_RUNTIME_API holds: host and port, no scheme. */
    String hostAndPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues the event; the future completes when the runtime posts its response or error. */
    CompletableFuture<InvocationResult> submit(Invocation invocation) {
        CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        pending.put(invocation.requestId(), result);
        queue.add(invocation);
        return result;
    }

    Optional<InitError> initError() {
        return Optional.ofNullable(initError.get());
    }

    /**
     * How many invocations had been handed out when the runtime reported its init complete and asked to be restored
     * ({@code GET restore/next}); empty if it never did.
     */
    Optional<Integer> restoredAfterInvocations() {
        int count = restoredAfterInvocations.get();
        return count < 0 ? Optional.empty() : Optional.of(count);
    }

    /** The body of {@code POST restore/error}: a beforeCheckpoint or afterRestore hook failed. */
    Optional<InitError> restoreError() {
        return Optional.ofNullable(restoreError.get());
    }

    /** How many events the runtime has taken with {@code GET next}. */
    int invocationsHandedOut() {
        return handedOut.get();
    }

    List<String> unexpectedRequests() {
        return List.copyOf(unexpected);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Matcher result = RESULT.matcher(path);
            if (method.equals("GET") && path.equals(VERSION_PREFIX + "invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && result.matches()) {
                CompletableFuture<InvocationResult> waiting = pending.remove(result.group(1));
                if (waiting == null) {
                    unexpected.add(method + " " + path + " (unknown request id)");
                    send(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                waiting.complete(result.group(2).equals("response") ? InvocationResult.Response.of(body)
                        : new InvocationResult.Error(exchange.getRequestHeaders().getFirst(ERROR_TYPE),
                        new String(body, StandardCharsets.UTF_8)));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("GET") && path.equals(VERSION_PREFIX + "restore/next")) {
                // Lambda answers once the snapshot has been restored in a new execution environment; here the
                // process simply carries on, which is what a restore looks like from inside the JVM.
                restoredAfterInvocations.compareAndSet(-1, handedOut.get());
                send(exchange, 200, "{}");
            } else if (method.equals("POST") && path.equals(VERSION_PREFIX + "restore/error")) {
                restoreError.compareAndSet(null, new InitError(exchange.getRequestHeaders().getFirst(ERROR_TYPE),
                        new String(body, StandardCharsets.UTF_8)));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.equals(VERSION_PREFIX + "init/error")) {
                initError.compareAndSet(null, new InitError(exchange.getRequestHeaders().getFirst(ERROR_TYPE),
                        new String(body, StandardCharsets.UTF_8)));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                unexpected.add(method + " " + path);
                send(exchange, 404, "{\"errorMessage\":\"not found\",\"errorType\":\"NotFound\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation = null;
        try {
            while (invocation == null && !closed) {
                invocation = queue.poll(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (invocation == null) {
            send(exchange, 500, "{\"errorMessage\":\"runtime API closed\",\"errorType\":\"ServiceException\"}");
            return;
        }
        handedOut.incrementAndGet();
        // As Lambda does: the deadline starts when the invocation is handed out, not when it was queued.
        long deadline = System.currentTimeMillis() + invocation.timeout().toMillis();
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set(REQUEST_ID, invocation.requestId());
        headers.set(DEADLINE_MS, Long.toString(deadline));
        headers.set(FUNCTION_ARN, invocation.functionArn());
        headers.set(TRACE_ID, invocation.traceId());
        byte[] payload = invocation.payload().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, payload.length);
        exchange.getResponseBody().write(payload);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
