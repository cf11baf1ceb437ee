package dev.defactify.function.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.function.events.ObjectScorer;
import dev.defactify.function.events.S3EventProcessor;
import dev.defactify.function.testing.Json;
import dev.defactify.function.testing.TestImages;
import dev.defactify.function.testing.TestModels;
import dev.defactify.testing.s3.S3TestServer;
import dev.defactify.testing.s3.TestBucket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.defactify.function.testing.DetectionAssertions.assertDetection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sam local invoke} without Docker: the packaged jar runs as Lambda's managed java21 runtime runs it (the
 * real runtime interface client in a child JVM, the jar unzipped as the task root, the handler string from
 * template.yaml), against a Runtime API on loopback and the real S3-compatible server, fed the event files of
 * function/events/. One execution environment per function serves all of that function's invocations, as Lambda
 * reuses a warm one.
 */
@ExtendWith(S3TestServer.Extension.class)
// A backstop only: every wait below has its own, shorter limit that fails with the runtime's logs.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LambdaRuntimeIT {
    /** The function module's tests run in function/; the template sits at the repository root. */
    static final Path TEMPLATE = Path.of("..", "template.yaml");
    static final Path WORK = Path.of("target", "lambda-runtime-it");

    static final String REST_API = "DetectionApiFunction";
    static final String S3_EVENTS = "S3EventFunction";
    static final String BATCH_OPERATIONS = "BatchOperationsFunction";
    /**
     * The template fronts the API with a REST API (payload 1.0), so no resource names the HTTP API (payload 2.0)
     * handler; it runs here with the REST API function's settings, under a name of its own.
     */
    static final String HTTP_API = "HttpApiFunction";
    static final String HTTP_API_HANDLER = "dev.defactify.function.lambda.ApiGatewayHttpHandler::handleRequest";

    /** Named in events/s3-put.json and events/api-gateway-v2.json. */
    static final String INPUT_BUCKET = "defactify-input";
    static final String IMAGE_KEY = "uploads/street scene été.jpg";
    static final String RESULT_KEY = "results/" + IMAGE_KEY + ".json";
    /** The model is read from S3, as on Lambda, in the layout publish writes: one prefix per version. */
    static final String MODEL_BUCKET = "defactify-models";
    static final String MODEL_PREFIX = "models/defactifynet/lambda-runtime-it/";

    /** A cold start loads the model (seconds); a warm invocation scores one small image. */
    static final Duration FIRST_INVOCATION = Duration.ofMinutes(2);
    static final Duration WARM_INVOCATION = Duration.ofSeconds(60);

    /**
     * One row per event file and the function that receives it: adding a case is adding a line here, e.g.
     * {@code new Case("BatchOperationsFunction", "s3-batch-operations.json", LambdaRuntimeIT::someCheck)}.
     */
    static Stream<Case> eventFiles() {
        return Stream.of(
                new Case(REST_API, "api-gateway-v1.json", LambdaRuntimeIT::okDetectionWithExplanation),
                new Case(HTTP_API, "api-gateway-v2.json", LambdaRuntimeIT::okDetection),
                new Case(S3_EVENTS, "s3-put.json", LambdaRuntimeIT::oneRecordScored),
                new Case(BATCH_OPERATIONS, "s3-batch-v1.json", response -> everyTaskSucceeded(response, "1.0")),
                new Case(BATCH_OPERATIONS, "s3-batch-v2.json", response -> everyTaskSucceeded(response, "2.0")));
    }

    record Case(String function, String eventFile, Consumer<InvocationResult.Response> check) {
        @Override
        public String toString() {
            return eventFile + " -> " + function;
        }
    }

    static S3Client s3;
    static TestBucket input;
    static ManagedJavaRuntime runtime;
    static Map<String, String> credentials;
    static Map<String, String> functionEnvironment;
    /** Started on first use, by function name; killed in {@link #stopEnvironments()}. */
    static final Map<String, LambdaExecutionEnvironment> ENVIRONMENTS = new LinkedHashMap<>();

    /** On a failure, the runtime logs of every environment go to the test report, not just to files. */
    @RegisterExtension
    static final TestWatcher PRINT_LOGS_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            ENVIRONMENTS.values().forEach(environment -> System.out.println(environment.logs()));
        }
    };

    /**
     * Held for the whole test: Micronaut's default HTTP port. No function may open an HTTP server (API Gateway events
     * come through the handler); one that tries, e.g. after a SnapStart restore, fails to bind and exits.
     */
    static java.net.ServerSocket micronautDefaultPort;

    @BeforeAll
    static void prepare(S3TestServer server) throws IOException {
        try {
            micronautDefaultPort = new java.net.ServerSocket(8080);
        } catch (IOException alreadyTaken) {
            // someone else holds it: a function that tries to bind it fails all the same
        }
        s3 = server.client();
        input = server.bucketNamed(INPUT_BUCKET);
        input.put(IMAGE_KEY, TestImages.bundledJpeg());
        TestBucket models = server.bucketNamed(MODEL_BUCKET);
        // With its INT8 file, which the function then serves by default, as a deployed one would.
        Path model = TestModels.smallWithInt8();
        for (String file : List.of("manifest.json", "model.onnx", "model-int8.onnx")) {
            models.put(MODEL_PREFIX + file, Files.readAllBytes(model.resolve(file)));
        }
        runtime = ManagedJavaRuntime.prepare(Path.of(System.getProperty("function.jar",
                "target/defactify-function.jar")), WORK);
        credentials = Map.of(
                "AWS_REGION", S3TestServer.REGION.id(),
                "AWS_DEFAULT_REGION", S3TestServer.REGION.id(),
                "AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY_ID,
                "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_ACCESS_KEY,
                // Lambda always hands out temporary credentials; S3Mock checks no signature, so any token will do.
                "AWS_SESSION_TOKEN", "lambda-runtime-it-session-token");
        functionEnvironment = Map.of(
                "MODEL_URI", "s3://" + MODEL_BUCKET + "/" + MODEL_PREFIX,
                "ALLOWED_BUCKETS", INPUT_BUCKET,
                // The one variable Lambda would not have: the SDK's standard way to aim S3 at another endpoint.
                "AWS_ENDPOINT_URL_S3", server.endpoint().toString());
    }

    @AfterAll
    static void stopEnvironments() throws IOException {
        if (micronautDefaultPort != null) {
            micronautDefaultPort.close();
        }
        ENVIRONMENTS.values().forEach(LambdaExecutionEnvironment::close);
        ENVIRONMENTS.values().forEach(environment -> assertFalse(environment.isAlive(), environment.function().name()));
        ENVIRONMENTS.clear();
        if (s3 != null) {
            s3.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFiles")
    void eachEventFileThroughItsFunction(Case c) {
        LambdaExecutionEnvironment environment = environment(c.function());
        InvocationResult result = invoke(environment, LambdaEvents.json(c.eventFile())).result();
        c.check().accept(assertResponse(result, environment));
        assertHealthy(environment);
    }

    @Test
    void s3PutWritesTheResultTagsTheImageAndLogsWithTheRequestId() {
        LambdaExecutionEnvironment environment = environment(S3_EVENTS);
        s3.deleteObject(b -> b.bucket(INPUT_BUCKET).key(RESULT_KEY));
        LambdaExecutionEnvironment.Invoked invoked = invoke(environment, LambdaEvents.json("s3-put.json"));
        oneRecordScored(assertResponse(invoked.result(), environment));

        JsonNode result = Json.parse(input.get(RESULT_KEY));
        assertEquals(INPUT_BUCKET, result.get("bucket").asText());
        assertEquals(IMAGE_KEY, result.get("key").asText(), "the key arrives URL-encoded and is decoded");
        assertDetection(result, 320, 256, "jpeg");
        Map<String, String> tags = s3.getObjectTagging(b -> b.bucket(INPUT_BUCKET).key(IMAGE_KEY)).tagSet().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertEquals(result.get("verdict").asText(), tags.get(ObjectScorer.VERDICT_TAG), tags.toString());

        // The handler puts the runtime's request id in the MDC; logback's JsonEncoder writes it on every line.
        List<JsonNode> lines = environment.jsonLogLines().stream()
                .filter(line -> invoked.requestId().equals(line.path("mdc").path("awsRequestId").asText()))
                .toList();
        assertFalse(lines.isEmpty(), "no JSON log line carries " + invoked.requestId() + "\n" + environment.logs());
        assertTrue(lines.stream().anyMatch(line -> line.path("loggerName").asText()
                .equals(S3EventProcessor.class.getName())), lines.toString());
        assertHealthy(environment);
    }

    /**
     * The template turns SnapStart on, so Lambda initialises a published version with "snap-start": the runtime
     * client runs the CRaC hooks Micronaut registered through org.crac (bound to the client's implementation by
     * -Dorg.crac.Core.Compat, as on Lambda) around restore/next, before the first invocation. Priming must run before
     * the snapshot, the S3 client must be rebuilt after it, and the restored process must serve.
     */
    @Test
    void snapStartHooksRunThroughTheRuntimeBeforeTheFirstInvocation() {
        LambdaExecutionEnvironment environment = environment(REST_API);
        InvocationResult result = invoke(environment, LambdaEvents.json("api-gateway-v1.json")).result();
        okDetectionWithExplanation(assertResponse(result, environment));
        assertEquals(Optional.of(0), environment.runtimeApi().restoredAfterInvocations(),
                "the runtime must ask restore/next once, after init and before any invocation");
        List<String> messages = environment.jsonLogLines().stream().map(line -> line.path("formattedMessage").asText())
                .toList();
        int primed = indexOf(messages, "primed the model with");
        int restored = indexOf(messages, "restored from snapshot");
        assertTrue(primed >= 0 && restored > primed, "priming before the snapshot, then the restore hook: " + messages);
        // the natives came out of the deployed jar: the INT8 file and libjpeg-turbo are what served
        assertTrue(messages.stream().anyMatch(message -> message.startsWith("model defactifynet version ")
                && message.contains("(int8)") && message.endsWith("JPEG decoder libjpeg-turbo")), messages.toString());
        // micronaut-crac's own hook started the (never used) HTTP server on every restore: with port 8080 held by this
        // test (see prepare), such a runtime exits instead of serving, and assertHealthy fails
        assertHealthy(environment);
    }

    private static int indexOf(List<String> messages, String start) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).startsWith(start)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aRecordThatMustBeRetriedFailsTheInvocationAndTheEnvironmentServesTheNextOne() {
        LambdaExecutionEnvironment environment = environment(S3_EVENTS);
        long pid = environment.pid();
        // A bucket outside ALLOWED_BUCKETS is a configuration error: retried, so Lambda must see a failure.
        String refused = LambdaEvents.json("s3-put.json")
                .replace("\"name\": \"" + INPUT_BUCKET + "\"", "\"name\": \"not-allowed-bucket\"");
        InvocationResult failed = invoke(environment, refused).result();
        InvocationResult.Error error = assertInstanceOf(InvocationResult.Error.class, failed, failed.body());
        assertEquals("dev.defactify.function.events.RecordsFailedException", error.errorType(), error.body());
        assertTrue(error.errorMessage().contains("s3://not-allowed-bucket/" + IMAGE_KEY), error.body());
        assertEquals("Runtime.UserException", error.errorTypeHeader());

        InvocationResult next = invoke(environment, LambdaEvents.json("s3-put.json")).result();
        oneRecordScored(assertResponse(next, environment));
        assertEquals(pid, environment.pid(), "the same runtime process served both");
        assertHealthy(environment);
    }

    @Test
    void aProblemResponseKeepsItsStatusThroughTheRuntime() {
        LambdaExecutionEnvironment environment = environment(REST_API);
        String text = LambdaEvents.json("api-gateway-v1.json").replaceFirst("\"body\": \"[^\"]*\"",
                "\"body\": \"dGhpcyBpcyB0ZXh0\"");
        JsonNode response = assertResponse(invoke(environment, text).result(), environment).json();
        assertEquals(415, response.get("statusCode").asInt(), response.toString());
        assertEquals(415, Json.parse(response.get("body").asText()).get("status").asInt());
        assertHealthy(environment);
    }

    // --- checks of the handlers' responses, as the runtime serialized them

    static void okDetectionWithExplanation(InvocationResult.Response response) {
        JsonNode body = okDetection(response);
        assertNotNull(body.get("explanation"), "events/api-gateway-v1.json asks for explain=true: " + body);
    }

    static JsonNode okDetection(InvocationResult.Response response) {
        JsonNode json = response.json();
        assertEquals(200, json.get("statusCode").asInt(), response.body());
        JsonNode body = Json.parse(json.get("body").asText());
        assertDetection(body, 320, 256, "jpeg");
        return body;
    }

    static void oneRecordScored(InvocationResult.Response response) {
        JsonNode report = response.json();
        assertEquals(1, report.get("scored").asInt(), response.body());
        assertTrue(report.get("records").get(0).asText().startsWith("s3://" + INPUT_BUCKET + "/" + IMAGE_KEY
                + " -> "), response.body());
        assertTrue(report.get("records").get(0).asText().endsWith("result at " + RESULT_KEY), response.body());
    }

    /** The image is scored; in the 2.0 file a second task names that image's own result, which is skipped. */
    static void everyTaskSucceeded(InvocationResult.Response response, String schema) {
        JsonNode answer = response.json();
        assertEquals(schema, answer.get("invocationSchemaVersion").asText(), response.body());
        assertEquals("PermanentFailure", answer.get("treatMissingKeysAs").asText(), response.body());
        JsonNode results = answer.get("results");
        assertFalse(results.isEmpty(), response.body());
        for (JsonNode result : results) {
            assertEquals("Succeeded", result.get("resultCode").asText(), response.body());
        }
        assertTrue(results.get(0).get("resultString").asText().endsWith("-> " + RESULT_KEY), response.body());
    }

    // --- plumbing

    private static synchronized LambdaExecutionEnvironment environment(String name) {
        return ENVIRONMENTS.computeIfAbsent(name, key -> {
            try {
                SamFunction function = key.equals(HTTP_API)
                        ? SamFunction.fromTemplate(TEMPLATE, REST_API).withHandler(HTTP_API, HTTP_API_HANDLER)
                        : SamFunction.fromTemplate(TEMPLATE, key);
                assertEquals("java21", function.runtime(), "the runtime this test reproduces");
                return LambdaExecutionEnvironment.start(runtime, function, credentials, functionEnvironment,
                        WORK.resolve("logs"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The first invocation of an environment includes its cold start. */
    private static LambdaExecutionEnvironment.Invoked invoke(LambdaExecutionEnvironment environment, String event) {
        boolean cold = environment.runtimeApi().invocationsHandedOut() == 0;
        return environment.invoke(event, cold ? FIRST_INVOCATION : WARM_INVOCATION);
    }

    private static InvocationResult.Response assertResponse(InvocationResult result,
                                                            LambdaExecutionEnvironment environment) {
        if (result instanceof InvocationResult.Error error) {
            throw new AssertionError("the runtime reported an invocation error (" + error.errorTypeHeader() + "): "
                    + error.body() + hint(error, environment.function()) + "\n" + environment.logs());
        }
        return (InvocationResult.Response) result;
    }

    /**
     * Given {@code Class::method}, the runtime deserializes the event into that method's declared parameter type;
     * MicronautRequestHandler's final {@code handleRequest(I, Context)} declares a type variable, so the event
     * arrives as a Map. Given the class alone, the runtime resolves {@code I} from the class's generic superclass.
     */
    private static String hint(InvocationResult.Error error, SamFunction function) {
        return error.errorMessage().startsWith("Unconvertible input") && function.handler().contains("::")
                ? "\nHint: name the class alone as the Handler of " + function.name() + " (not "
                + function.handler() + "), so the runtime reads the event type from the class's type arguments."
                : "";
    }

    private static void assertHealthy(LambdaExecutionEnvironment environment) {
        assertTrue(environment.runtimeApi().initError().isEmpty(), () -> "init error: "
                + environment.runtimeApi().initError() + "\n" + environment.logs());
        assertTrue(environment.runtimeApi().restoreError().isEmpty(), () -> "restore error: "
                + environment.runtimeApi().restoreError() + "\n" + environment.logs());
        assertEquals(List.of(), environment.runtimeApi().unexpectedRequests());
        assertTrue(environment.isAlive(), () -> "the runtime exited\n" + environment.logs());
    }
}
