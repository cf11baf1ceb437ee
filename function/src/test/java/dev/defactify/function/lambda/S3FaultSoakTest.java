package dev.defactify.function.lambda;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.contract.util.Sha256;
import dev.defactify.function.batch.BatchJobProcessor;
import dev.defactify.function.events.RecordOutcome;
import dev.defactify.function.events.RecordsFailedException;
import dev.defactify.function.events.S3EventProcessor;
import dev.defactify.function.events.ObjectScorer;
import dev.defactify.function.testing.Json;
import dev.defactify.function.testing.S3FaultProxy;
import dev.defactify.function.testing.TestImages;
import dev.defactify.function.testing.TestModels;
import dev.defactify.testing.s3.S3TestServer;
import dev.defactify.testing.s3.SdkDefaults;
import dev.defactify.testing.s3.TestBucket;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.Tag;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1,000 objects through the S3 event handler and 1,000 tasks of an S3 Batch Operations job, with the function's S3
 * traffic going through a proxy that injects 500 InternalError, 503 SlowDown, connection resets (before the request
 * reaches S3, and halfway through the answer, after it did) and latency at fixed, seeded rates. The delivery side
 * is modelled as AWS runs it: an asynchronous invocation that fails is retried twice and then goes to the on-failure
 * destination; a task answered TemporaryFailure is retried by S3 Batch. Afterwards a client that talks to the S3
 * server directly checks each object: it ends as a result JSON (the detection of exactly its bytes, or the problem
 * of a file that is not an image) or as a recorded failure, none is lost, a detection is tagged unless its
 * record failed for good, and a key written more than once was written with the same content each time.
 */
@ExtendWith(S3TestServer.Extension.class)
class S3FaultSoakTest {
    static final int OBJECTS = 1_000;
    /** Every 25th object is not a decodable image: 40 of them must become problems written as results. */
    static final int HOSTILE_EVERY = 25;
    static final int RECORDS_PER_EVENT = 10;
    /** Execution environments working at once: Lambda runs concurrent invocations side by side. */
    static final int CONCURRENCY = 8;
    /** Lambda's asynchronous invocations: the first attempt and two retries. */
    static final int EVENT_ATTEMPTS = 3;
    /** S3 Batch Operations does not document its retry count for TemporaryFailure; a few are modelled. */
    static final int TASK_ATTEMPTS = 4;
    static final String RESULTS = "results/";
    static final S3FaultProxy.Rates RATES = new S3FaultProxy.Rates(13, 0.03, 0.02, 0.02, 0.02, 0.05,
            Duration.ofMillis(20));

    static SdkDefaults sdk;
    static S3FaultProxy proxy;
    static TestBucket events;
    static TestBucket batch;
    static ApplicationContext context;
    static Map<String, Level> quietened = new LinkedHashMap<>();

    /** One object of the run and what it must end as. */
    record Upload(String key, byte[] bytes, boolean image) {
        String sha256() {
            return Sha256.of(bytes);
        }
    }

    /** What happened to every object, as each side saw it, and what the S3 server holds afterwards. */
    record Outcome(int invocations, int retries, List<String> recordedFailures, int withoutResult, int results,
                   int problems,
                   int tagged, int rewrites) {
    }

    @BeforeAll
    static void start(S3TestServer server) {
        sdk = server.useAsSdkDefaults();
        proxy = S3FaultProxy.inFrontOf(server.endpoint());
        events = server.newBucket("faults-events");
        batch = server.newBucket("faults-batch");
        // The function's own client goes through the proxy; the test's client talks to the server directly.
        System.setProperty("aws.endpointUrlS3", proxy.endpoint().toString());
        context = ApplicationContext.builder().properties(Map.of("model.uri", TestModels.small().toString(),
                "allowed.buckets", events.name() + "," + batch.name())).start();
        // One line per record and per failed tag write would bury the figures; failures still show.
        for (Class<?> type : List.of(S3EventProcessor.class, BatchJobProcessor.class)) {
            Logger logger = (Logger) LoggerFactory.getLogger(type);
            quietened.put(logger.getName(), logger.getLevel());
            logger.setLevel(Level.ERROR);
        }
    }

    @AfterEach
    void healStorage() {
        proxy.stopInjecting();
    }

    @AfterAll
    static void stop() {
        quietened.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
        context.close();
        proxy.close();
        sdk.close();
    }

    @Test
    void everyObjectOfAThousandS3EventsEndsAsAResultOrARecordedFailure() throws Exception {
        List<Upload> uploads = upload(events, "events/");
        Map<S3FaultProxy.FaultKind, Integer> before = proxy.injected();
        int requestsBefore = proxy.requests();
        proxy.injectAtRates(RATES);

        List<List<Upload>> eventsToSend = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i += RECORDS_PER_EVENT) {
            eventsToSend.add(uploads.subList(i, Math.min(uploads.size(), i + RECORDS_PER_EVENT)));
        }
        AtomicInteger invocations = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        // The on-failure destination: the event's records, with the error of its last attempt.
        Map<String, String> onFailure = new ConcurrentHashMap<>();
        Map<String, RecordOutcome> lastOutcome = new ConcurrentHashMap<>();
        concurrently(eventsToSend, records -> {
            S3Event event = LambdaEvents.fromJson(eventJson(events.name(), records), S3Event.class);
            S3EventHandler handler = new S3EventHandler(context);
            for (int attempt = 1; attempt <= EVENT_ATTEMPTS; attempt++) {
                invocations.incrementAndGet();
                try {
                    handler.handleRequest(event, new MockLambdaContext()).outcomes()
                            .forEach(outcome -> lastOutcome.put(outcome.object().key(), outcome));
                    return;
                } catch (RecordsFailedException e) {
                    if (attempt == EVENT_ATTEMPTS) {
                        e.failures().forEach(failed -> onFailure.put(failed.object().key(), failed.reason()));
                    } else {
                        retries.incrementAndGet();
                    }
                }
            }
        });

        Outcome outcome = verify(events, uploads, onFailure.keySet(), invocations.get(), retries.get());
        // Every record the handler answered was Scored or Rejected: nothing was ignored, nothing slipped through.
        assertTrue(lastOutcome.values().stream().allMatch(o -> o instanceof RecordOutcome.Scored
                || o instanceof RecordOutcome.Rejected), lastOutcome.toString());
        print("S3 events", uploads, outcome, eventsToSend.size() + " events of " + RECORDS_PER_EVENT + " records",
                before, requestsBefore);
    }

    @Test
    void everyTaskOfAThousandTaskBatchJobEndsAsAResultOrARecordedFailure() throws Exception {
        List<Upload> uploads = upload(batch, "batch/");
        Map<S3FaultProxy.FaultKind, Integer> before = proxy.injected();
        int requestsBefore = proxy.requests();
        proxy.injectAtRates(RATES);

        AtomicInteger invocations = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        // The completion report: each task's last result code and string.
        Map<String, JsonNode> report = new ConcurrentHashMap<>();
        BatchOperationsHandler handler = new BatchOperationsHandler(context);
        concurrently(uploads, upload -> {
            // S3 Batch Operations sends one task per invocation.
            String invocation = "{\"invocationSchemaVersion\": \"2.0\", \"invocationId\": \"inv-" + upload.key()
                    .hashCode() + "\", \"job\": {\"id\": \"job-faults\"}, \"tasks\": [{\"taskId\": \"" + upload.key()
                    + "\", \"s3Key\": \"" + encode(upload.key()) + "\", \"s3VersionId\": null, \"s3Bucket\": \""
                    + batch.name() + "\"}]}";
            for (int attempt = 1; attempt <= TASK_ATTEMPTS; attempt++) {
                invocations.incrementAndGet();
                JsonNode result = invoke(handler, invocation).get("results").get(0);
                report.put(upload.key(), result);
                if (!result.get("resultCode").asText().equals("TemporaryFailure")) {
                    return;
                }
                if (attempt < TASK_ATTEMPTS) {
                    retries.incrementAndGet();
                }
            }
        });

        Map<String, Long> codes = report.values().stream().collect(Collectors.groupingBy(
                result -> result.get("resultCode").asText(), TreeMap::new, Collectors.counting()));
        Set<String> recordedFailures = report.entrySet().stream()
                .filter(entry -> !entry.getValue().get("resultCode").asText().equals("Succeeded"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        for (Upload upload : uploads) {
            JsonNode result = report.get(upload.key());
            assertTrue(result != null, "task for " + upload.key() + " never answered");
            String code = result.get("resultCode").asText();
            String text = result.get("resultString").asText();
            if (upload.image()) {
                // A fault is never the image's fault: an image ends Succeeded, or TemporaryFailure once S3 Batch
                // has given up on it, never PermanentFailure with a problem written as if the file were bad.
                assertTrue(code.equals("Succeeded") || code.equals("TemporaryFailure"), upload.key() + ": " + result);
                if (code.equals("Succeeded")) {
                    assertTrue(text.endsWith(" -> " + RESULTS + upload.key() + ".json"), result.toString());
                }
            } else {
                assertEquals("PermanentFailure", code, result.toString());
                assertTrue(text.endsWith("(problem written to " + RESULTS + upload.key() + ".json)"), text);
            }
        }
        Outcome outcome = verify(batch, uploads, recordedFailures.stream()
                .filter(key -> report.get(key).get("resultCode").asText().equals("TemporaryFailure"))
                .collect(Collectors.toSet()), invocations.get(), retries.get());
        print("S3 Batch Operations", uploads, outcome, OBJECTS + " tasks, final result codes " + codes, before,
                requestsBefore);
    }

    /**
     * Checks the S3 server's side against what was uploaded and reports it: every object ends as one result (or is
     * among {@code failedWithoutResult}), each result is about its own object, and rewrites agree.
     *
     * @param failedWithoutResult objects the delivery side recorded as failed for good, that may lack a result or
     *                            its tags
     */
    static Outcome verify(TestBucket bucket, List<Upload> uploads, Set<String> failedWithoutResult, int invocations,
                          int retries) {
        Set<String> resultKeys = Set.copyOf(bucket.keys(RESULTS));
        Set<String> expectedKeys = uploads.stream().map(upload -> RESULTS + upload.key() + ".json")
                .collect(Collectors.toSet());
        assertTrue(expectedKeys.containsAll(resultKeys), "results for objects never sent: "
                + resultKeys.stream().filter(key -> !expectedKeys.contains(key)).toList());
        // What each object ended as: a detection (tagged or not), a problem, or nothing but a recorded failure.
        List<String> ends = concurrently(uploads, upload -> {
            String resultKey = RESULTS + upload.key() + ".json";
            if (!resultKeys.contains(resultKey)) {
                assertTrue(failedWithoutResult.contains(upload.key()), upload.key() + " is lost: no result and no"
                        + " recorded failure");
                return "failure";
            }
            JsonNode result = Json.parse(bucket.get(resultKey));
            assertEquals(bucket.name(), result.get("bucket").asText());
            assertEquals(upload.key(), result.get("key").asText());
            if (!upload.image()) {
                int status = result.get("error").get("status").asInt();
                assertTrue(status == 415 || status == 422, upload.key() + ": " + result);
                return "problem";
            }
            assertTrue(result.get("error") == null, upload.key() + " has a problem as its result: " + result);
            assertEquals(upload.sha256(), result.get("image").get("sha256").asText(), "result of "
                    + upload.key() + " is about other bytes");
            Map<String, String> tags = bucket.s3().getObjectTagging(b -> b.bucket(bucket.name())
                    .key(upload.key())).tagSet().stream().collect(Collectors.toMap(Tag::key, Tag::value));
            // A tag write that failed for a reason a retry could fix failed the record (ObjectScorer.tag): an
            // untagged detection must be one the delivery side recorded as failed for good. A tag that is there
            // must agree with the result.
            if (!tags.containsKey(ObjectScorer.VERDICT_TAG)) {
                assertTrue(failedWithoutResult.contains(upload.key()), upload.key() + " has a detection but no"
                        + " tags, and no recorded failure says why");
                return "detection";
            }
            assertEquals(result.get("verdict").asText(), tags.get(ObjectScorer.VERDICT_TAG), upload.key());
            assertEquals(result.get("source").get("label").asText(), tags.get(ObjectScorer.SOURCE_TAG));
            return "tagged detection";
        });
        int tagged = (int) ends.stream().filter("tagged detection"::equals).count();
        int results = tagged + (int) ends.stream().filter("detection"::equals).count();
        int problems = (int) ends.stream().filter("problem"::equals).count();

        // What the server accepted, key by key: a retry that rewrites a result must write the same result.
        Map<String, List<byte[]>> written = new TreeMap<>();
        String prefix = "/" + bucket.name() + "/" + RESULTS;
        proxy.writes().stream().filter(write -> write.path().startsWith(prefix) && write.query().isEmpty())
                .forEach(write -> written.computeIfAbsent(write.path(), path -> new ArrayList<>())
                        .add(write.payload()));
        int rewrites = 0;
        for (Map.Entry<String, List<byte[]>> entry : written.entrySet()) {
            List<byte[]> versions = entry.getValue();
            if (versions.size() < 2) {
                continue;
            }
            rewrites++;
            // A retry keeps an earlier attempt's detection (ObjectScorer.earlierDetection); what is written again
            // (a problem, a write whose answer was lost) must be byte for byte what was there.
            for (byte[] version : versions) {
                assertEquals(Json.parse(versions.get(0)), Json.parse(version),
                        entry.getKey() + " was written with different contents");
                assertTrue(Arrays.equals(version, versions.get(0)), entry.getKey() + " was written differently");
            }
            byte[] stored = bucket.get(entry.getKey().substring(prefix.length() - RESULTS.length()));
            assertTrue(versions.stream().anyMatch(version -> Arrays.equals(version, stored)),
                    entry.getKey() + " holds something the function never wrote");
        }
        return new Outcome(invocations, retries, failedWithoutResult.stream().sorted().toList(),
                (int) ends.stream().filter("failure"::equals).count(), results, problems,
                tagged, rewrites);
    }

    static void print(String what, List<Upload> uploads, Outcome outcome, String delivered,
                      Map<S3FaultProxy.FaultKind, Integer> before, int requestsBefore) {
        Map<S3FaultProxy.FaultKind, Integer> faults = new LinkedHashMap<>();
        proxy.injected().forEach((kind, count) -> faults.put(kind, count - before.get(kind)));
        long images = uploads.stream().filter(Upload::image).count();
        System.out.printf("%n%s under faults: %d objects (%d images, %d not images); %s%n"
                        + "  invocations %d (retries %d); S3 requests through the proxy %d, faults injected %s%n"
                        + "  results: %d detections, %d problems written; recorded failures %d %s, %d of them"
                        + " without a result%n"
                        + "  tagged %d of %d detections; keys written more than once %d, each time"
                        + " the same bytes%n",
                what, uploads.size(), images, uploads.size() - images, delivered, outcome.invocations(),
                outcome.retries(), proxy.requests() - requestsBefore, faults, outcome.results(), outcome.problems(),
                outcome.recordedFailures().size(), outcome.recordedFailures(), outcome.withoutResult(),
                outcome.tagged(), outcome.results(), outcome.rewrites());
    }

    /** 1,000 small objects, a few with keys that must be URL-encoded; every 25th a text file or a truncated JPEG. */
    static List<Upload> upload(TestBucket bucket, String prefix) {
        List<Integer> indexes = java.util.stream.IntStream.range(0, OBJECTS).boxed().toList();
        List<Upload> uploads = concurrently(indexes, i -> {
            String name = i % 100 == 7 ? String.format("photo %04d été+1.jpg", i) : String.format("img-%04d.jpg", i);
            byte[] image = i % 3 == 0 ? TestImages.png(48 + i % 50, 40 + i % 30, i)
                    : TestImages.jpeg(48 + i % 80, 36 + i % 60, i);
            Upload upload = i % HOSTILE_EVERY != 0 ? new Upload(prefix + name, image, true)
                    : i % (2 * HOSTILE_EVERY) == 0
                    ? new Upload(prefix + name, ("notes " + i).getBytes(StandardCharsets.UTF_8), false)
                    : new Upload(prefix + name, TestImages.truncated(TestImages.jpeg(200, 150, i), 300), false);
            bucket.put(upload.key(), upload.bytes());
            return upload;
        });
        return uploads;
    }

    /** An S3 ObjectCreated event in the shape of events/s3-put.json, one record per object. */
    static String eventJson(String bucket, List<Upload> uploads) {
        String json = LambdaEvents.json("s3-put.json");
        String record = json.substring(json.indexOf('[') + 1, json.lastIndexOf(']')).strip();
        return "{\"Records\": [" + uploads.stream().map(upload -> record
                .replace("\"name\": \"defactify-input\"", "\"name\": \"" + bucket + "\"")
                .replace("\"key\": \"uploads/street+scene+%C3%A9t%C3%A9.jpg\"", "\"key\": \"" + encode(upload.key())
                        + "\"")
                .replace("\"size\": 8671", "\"size\": " + upload.bytes().length))
                .collect(Collectors.joining(", ")) + "]}";
    }

    static JsonNode invoke(BatchOperationsHandler handler, String invocation) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(invocation.getBytes(StandardCharsets.UTF_8)), out,
                    new MockLambdaContext());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Json.parse(out.toByteArray());
    }

    /** As S3 sends a key: form-URL-encoded UTF-8, {@code +} for a space, slashes kept. */
    static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static <T> void concurrently(List<T> items, Consumer<T> work) {
        concurrently(items, item -> {
            work.accept(item);
            return item;
        });
    }

    /** {@code work} on every item, {@link #CONCURRENCY} at a time; the first failure fails the caller. */
    private static <T, R> List<R> concurrently(List<T> items, Function<T, R> work) {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<R>> running = new ArrayList<>();
            for (T item : items) {
                running.add(pool.submit(() -> work.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<R> future : running) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error; // an assertion failed: as if it had failed on the test's own thread
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
