package dev.defactify.function.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.function.testing.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Lambda execution environment: a Runtime API and the runtime process polling it. Like Lambda, it is
 * started once and then serves invocations one after another in the same JVM, so state kept between
 * invocations (the loaded model, the S3 client) is exercised too. The process's stdout and stderr go to files
 * under target/, which failure messages quote.
 */
final class LambdaExecutionEnvironment implements AutoCloseable {
    static final String ACCOUNT = "123456789012";
    private static final int LOG_TAIL_LINES = 60;

    /** One invocation and what the runtime answered. */
    record Invoked(String requestId, InvocationResult result) {
    }

    private final SamFunction function;
    private final LoopbackRuntimeApi api;
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final String region;

    private LambdaExecutionEnvironment(SamFunction function, LoopbackRuntimeApi api, Process process, Path stdout,
                                       Path stderr, String region) {
        this.function = function;
        this.api = api;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.region = region;
    }

    /**
     * @param credentials AWS_REGION and the credential variables Lambda derives from the execution role
     * @param environment the function's own variables (template.yaml's Environment)
     */
    static LambdaExecutionEnvironment start(ManagedJavaRuntime runtime, SamFunction function,
                                            Map<String, String> credentials, Map<String, String> environment,
                                            Path logDir) throws IOException {
        LoopbackRuntimeApi api = LoopbackRuntimeApi.start();
        try {
            Files.createDirectories(logDir);
            Path stdout = logDir.resolve(function.name() + ".stdout.log");
            Path stderr = logDir.resolve(function.name() + ".stderr.log");
            Process process = runtime.process(function, api.hostAndPort(), credentials, environment)
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            return new LambdaExecutionEnvironment(function, api, process, stdout, stderr,
                    credentials.getOrDefault("AWS_REGION", "us-east-1"));
        } catch (IOException | RuntimeException e) {
            api.close();
            throw e;
        }
    }

    SamFunction function() {
        return function;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Invokes the function with the event and waits for the runtime's answer. Fails at once, quoting the logs, if
     * the runtime reports an init error or exits; fails after {@code timeout} if it never answers.
     */
    Invoked invoke(String event, Duration timeout) {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<InvocationResult> result = api.submit(new LoopbackRuntimeApi.Invocation(requestId, event,
                "arn:aws:lambda:" + region + ":" + ACCOUNT + ":function:" + function.name(), traceId(),
                function.timeout()));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return new Invoked(requestId, result.get(200, TimeUnit.MILLISECONDS));
            } catch (TimeoutException notYet) {
                api.initError().ifPresent(error -> {
                    throw new AssertionError("the runtime reported an init error (" + error.errorTypeHeader() + "): "
                            + error.body() + "\n" + logs());
                });
                if (!process.isAlive()) {
                    throw new AssertionError("the runtime exited with status " + process.exitValue()
                            + " before answering " + requestId + "\n" + logs());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no answer to " + requestId + " within " + timeout + "\n" + logs());
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    LoopbackRuntimeApi runtimeApi() {
        return api;
    }

    /** The function's log lines that are JSON objects (logback's JsonEncoder), in order. */
    List<JsonNode> jsonLogLines() {
        return read(stdout).lines().filter(line -> line.startsWith("{")).map(Json::parse).toList();
    }

    /** The last lines of stdout and stderr, with the files' paths. */
    String logs() {
        return "--- " + stdout + " (last " + LOG_TAIL_LINES + " lines)\n" + tail(stdout) + "\n--- " + stderr
                + " (last " + LOG_TAIL_LINES + " lines)\n" + tail(stderr);
    }

    /** X-Ray's format: Root=1-{epoch seconds, hex}-{96 random bits, hex}. */
    private static String traceId() {
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of()
                .formatHex(random) + ";Parent=" + HexFormat.of().formatHex(random, 0, 8) + ";Sampled=0";
    }

    private static String tail(Path file) {
        List<String> lines = read(file).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the runtime (Lambda freezes and later discards environments; nothing shuts down gracefully). */
    @Override
    public void close() {
        try {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            api.close();
        }
    }
}
