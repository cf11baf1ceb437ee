package dev.defactify.testing.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (Adobe S3Mock's executable jar) running as a child JVM on loopback, so tests
 * exercise the real AWS SDK over real HTTP instead of a mocked client. Start one with {@link #start}, or let
 * {@link Extension} share one across every test class of the JVM.
 */
public final class S3TestServer implements AutoCloseable {

    /** Surefire passes the jar's path under this system property (see function/pom.xml). */
    public static final String JAR_PROPERTY = "s3mock.jar";
    public static final Region REGION = Region.US_EAST_1;
    /** S3Mock checks no signatures, but the SDK insists on signing, so any fixed pair will do. */
    public static final String ACCESS_KEY_ID = "test-access-key";
    public static final String SECRET_ACCESS_KEY = "test-secret-key";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final int LOG_TAIL_LINES = 40;

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final Duration startupTime;
    private final S3Client sharedClient;
    private final AtomicInteger bucketSequence = new AtomicInteger();
    // Stops the child even when the test JVM exits without closing the JUnit store (e.g. System.exit).
    private final Thread shutdownHook;

    private S3TestServer(Process process, URI endpoint, Path log, Duration startupTime) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
        this.startupTime = startupTime;
        this.sharedClient = client();
        this.shutdownHook = new Thread(this::killProcessTree, "s3mock-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The jar named by the {@value #JAR_PROPERTY} system property, failing clearly outside Maven. */
    public static Path jarFromSystemProperty() {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || jar.isBlank()) {
            throw new IllegalStateException("System property '" + JAR_PROPERTY
                    + "' is not set; run the tests through Maven (surefire sets it) or pass -D" + JAR_PROPERTY + "=<path>");
        }
        Path path = Path.of(jar);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("S3Mock jar not found at " + path + "; run 'mvn generate-test-resources' first");
        }
        return path;
    }

    /**
     * Starts the jar on free loopback ports with the given buckets already created and returns once it answers
     * HTTP. Its output goes to a log file next to the jar (under target/).
     */
    public static S3TestServer start(Path jar, String... initialBuckets) {
        int httpPort = freePort();
        // S3Mock always opens an HTTPS connector as well; it needs a port of its own even though we never use it.
        int httpsPort = freePort();
        Path dir = jar.toAbsolutePath().getParent();
        Path log = dir.resolve("s3mock-" + httpPort + ".log");
        List<String> command = new ArrayList<>(List.of(javaExecutable(),
                // Small, quick-starting JVM: the server is tiny, and C2 would only pay off long after the tests end.
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-jar", jar.toAbsolutePath().toString(),
                "--com.adobe.testing.s3mock.httpPort=" + httpPort,
                "--server.port=" + httpsPort,
                // Objects stay under target/ (not /tmp), so a killed run leaves nothing outside the build directory.
                "--com.adobe.testing.s3mock.store.root=" + dir.resolve("data-" + httpPort)));
        if (initialBuckets.length > 0) {
            command.add("--com.adobe.testing.s3mock.store.initialBuckets=" + String.join(",", initialBuckets));
        }
        long started = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + httpPort);
        try {
            awaitReady(process, endpoint, log);
        } catch (RuntimeException | Error e) {
            destroyTree(process);
            throw e;
        }
        return new S3TestServer(process, endpoint, log, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Where the SDK should send requests, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /** How long the server took from process start to its first HTTP answer. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Whether the server process is still alive (false after {@link #stop()}). */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** The file that receives the server's stdout and stderr. */
    public Path log() {
        return log;
    }

    /**
     * A new client aimed at this server; the caller closes it. Path-style addressing comes by itself because
     * the endpoint is an IP address, where virtual-host buckets cannot resolve.
     */
    public S3Client client() {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .endpointOverride(endpoint)
                .build();
    }

    /**
     * Points the SDK's default chains at this server through JVM system properties, for code under test that
     * builds its own client. Test-only: it changes global JVM state; close the result to restore it.
     */
    public SdkDefaults useAsSdkDefaults() {
        return SdkDefaults.apply(this);
    }

    /**
     * Creates a bucket no other test uses. The hint (typically the test's name) makes it recognisable in the
     * server's log; it is reduced to what bucket names allow.
     */
    public TestBucket newBucket(String hint) {
        String name = bucketName(hint, bucketSequence.incrementAndGet());
        sharedClient.createBucket(b -> b.bucket(name));
        return new TestBucket(sharedClient, name);
    }

    /**
     * The bucket of that exact name, created unless it exists: for fixtures that name a bucket themselves (the
     * Lambda event files do). Tests sharing it must use keys of their own or write the same content.
     */
    public TestBucket bucketNamed(String name) {
        if (sharedClient.listBuckets().buckets().stream().noneMatch(bucket -> bucket.name().equals(name))) {
            sharedClient.createBucket(b -> b.bucket(name));
        }
        return new TestBucket(sharedClient, name);
    }

    /** Stops the server and everything it started. Idempotent. */
    public void stop() {
        sharedClient.close();
        killProcessTree();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs anyway, and killing twice is harmless.
        }
    }

    @Override
    public void close() {
        stop();
    }

    // Bucket names: 3-63 characters of [a-z0-9-], starting and ending with a letter or digit. The "t-" prefix
    // and numeric suffix keep clear of reserved forms such as "xn--" prefixes or IP-address look-alikes.
    static String bucketName(String hint, int sequence) {
        String suffix = "-" + sequence;
        String body = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        int room = 63 - 2 - suffix.length();
        if (body.length() > room) {
            body = body.substring(0, room).replaceAll("-+$", "");
        }
        return "t-" + (body.isEmpty() ? "bucket" : body) + suffix;
    }

    private void killProcessTree() {
        destroyTree(process);
    }

    private static void destroyTree(Process process) {
        // Descendants first: once the parent is gone their handles are harder to find.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitReady(Process process, URI endpoint, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(endpoint.resolve("/")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited with status " + process.exitValue()
                        + " before answering on " + endpoint + "; last lines of " + log + ":\n" + tail(log));
            }
            try {
                // Any HTTP answer at all means Tomcat and the S3 controllers are up; the status is irrelevant.
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for S3Mock on " + endpoint, e);
            }
        }
        throw new IllegalStateException("S3Mock did not answer on " + endpoint + " within " + STARTUP_TIMEOUT.toSeconds()
                + " s; last lines of " + log + ":\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for S3Mock", e);
        }
    }

    // The same java that runs the tests, so the child needs no JAVA_HOME or PATH of its own.
    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    // The port is released before S3Mock binds it; another process could take it in between, which is rare
    // enough on loopback that a clear startup failure is the better trade than a retry loop.
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    /**
     * Shares one server among all test classes of the JVM: it starts on first use, lives in the root context's
     * store, and JUnit closes it when the whole run ends. Injects {@link S3TestServer} and, for a fresh bucket
     * per test, {@link TestBucket} into test methods, lifecycle methods and constructors.
     */
    public static final class Extension implements ParameterResolver {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(S3TestServer.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == S3TestServer.class || type == TestBucket.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            S3TestServer server = server(context);
            if (parameter.getParameter().getType() == S3TestServer.class) {
                return server;
            }
            return server.newBucket(context.getTestMethod().map(m -> m.getName())
                    .orElseGet(() -> context.getRequiredTestClass().getSimpleName()));
        }

        /** The JVM-wide server, started on first call. */
        public static S3TestServer server(ExtensionContext context) {
            try {
                return context.getRoot().getStore(NAMESPACE)
                        .getOrComputeIfAbsent(S3TestServer.class, key -> announce(start(jarFromSystemProperty())), S3TestServer.class);
            } catch (RuntimeException e) {
                throw new ParameterResolutionException("Could not start the S3 test server: " + e.getMessage(), e);
            }
        }

        // One line per run, so a slow or failing build shows where the server was and how long it took.
        private static S3TestServer announce(S3TestServer server) {
            System.out.printf("S3 test server at %s ready after %d ms (log: %s)%n",
                    server.endpoint(), server.startupTime().toMillis(), server.log());
            return server;
        }
    }
}
