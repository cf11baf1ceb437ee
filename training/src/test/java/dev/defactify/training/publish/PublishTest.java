package dev.defactify.training.publish;

import dev.defactify.contract.storage.S3Location;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.contract.manifest.CurrentPointer;
import dev.defactify.contract.util.Sha256;
import dev.defactify.contract.manifest.ManifestCodec;
import dev.defactify.contract.manifest.ModelFile;
import dev.defactify.testing.s3.S3TestServer;
import dev.defactify.testing.s3.SdkDefaults;
import dev.defactify.testing.s3.TestBucket;
import dev.defactify.training.cli.TrainingCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** {@code publish} against a real S3 server: uploads, the gate, current.json, idempotence and refusals. */
@ExtendWith(S3TestServer.Extension.class)
class PublishTest {
    private static final String PREFIX = "models/defactifynet/";
    private static final String CURRENT = PREFIX + "current.json";

    @TempDir
    static Path shared;
    static Models models;

    @TempDir
    Path dir;

    @BeforeAll
    static void exportOnce() {
        models = Models.exportUntrained(shared);
    }

    @Test
    void theFirstPublishUploadsEverythingAndPromotes(S3TestServer server, TestBucket bucket) throws Exception {
        Path model = models.trained(dir.resolve("m"), "v1", 0.9, 0.8);
        Path report = writeReport(dir.resolve("run/report"));

        Cli run = publish(server, "--model", model.toString(), "--to", bucket.uri(PREFIX), "--report", report.toString());

        assertEquals(0, run.code(), run.out() + run.err());
        assertEquals(List.of(PREFIX + "current.json", PREFIX + "v1/manifest.json", PREFIX + "v1/model.onnx",
                PREFIX + "v1/report/plots/loss.png", PREFIX + "v1/report/report.json", PREFIX + "v1/report/report.md"),
                bucket.keys());
        assertArrayEquals(Files.readAllBytes(model.resolve("model.onnx")), bucket.get(PREFIX + "v1/model.onnx"));
        assertArrayEquals(Files.readAllBytes(report.resolve("plots/loss.png")),
                bucket.get(PREFIX + "v1/report/plots/loss.png"));
        assertPointsAt(bucket, "v1");
        assertTrue(run.out().contains("PROMOTE v1: no current.json yet"), run.out());
    }

    @Test
    void aBetterModelIsPromoted(S3TestServer server, TestBucket bucket) throws Exception {
        assertEquals(0, publish(server, models.trained(dir.resolve("a"), "v1", 0.90, 0.80), bucket).code());
        Cli run = publish(server, models.trained(dir.resolve("b"), "v2", 0.91, 0.80), bucket);
        assertEquals(0, run.code(), run.out() + run.err());
        assertPointsAt(bucket, "v2");
        assertTrue(run.out().contains("Task A accuracy new 0.9100 vs current 0.9000 (ok)"), run.out());
    }

    @Test
    void aWorseModelIsUploadedButNotPromotedUnlessForced(S3TestServer server, TestBucket bucket) throws Exception {
        assertEquals(0, publish(server, models.trained(dir.resolve("a"), "v1", 0.90, 0.80), bucket).code());
        Path worse = models.trained(dir.resolve("b"), "v2", 0.95, 0.79);

        Cli refused = publish(server, worse, bucket);
        assertEquals(3, refused.code(), refused.out() + refused.err());
        assertTrue(bucket.keys().contains(PREFIX + "v2/manifest.json"), bucket.keys()::toString);
        assertTrue(bucket.keys().contains(PREFIX + "v2/model.onnx"), bucket.keys()::toString);
        assertPointsAt(bucket, "v1");
        assertTrue(refused.out().contains("NOT PROMOTED v2")
                && refused.out().contains("Task B macro-F1 new 0.7900 vs current 0.8000 (worse)"), refused.out());

        Cli forced = publish(server, "--model", worse.toString(), "--to", bucket.uri(PREFIX), "--force");
        assertEquals(0, forced.code(), forced.out() + forced.err());
        assertPointsAt(bucket, "v2");
        assertTrue(forced.out().contains("PROMOTE (--force, gate failed) v2"), forced.out());
        assertTrue(forced.out().contains("(0 uploaded, 2 unchanged)"), forced.out());
    }

    @Test
    void anUntrainedModelDoesNotReplaceOneWithValidationMetricsUnlessForced(S3TestServer server, TestBucket bucket)
            throws Exception {
        assertEquals(0, publish(server, models.trained(dir.resolve("a"), "v1", 0.5, 0.2), bucket).code());
        Cli refused = publish(server, models.untrained(), bucket);
        assertEquals(3, refused.code(), refused.out() + refused.err());
        assertTrue(refused.out().contains("new has no validation metrics"), refused.out());
        assertPointsAt(bucket, "v1");

        Cli forced = publish(server, "--model", models.untrained().toString(), "--to", bucket.uri(PREFIX), "--force");
        assertEquals(0, forced.code(), forced.out() + forced.err());
        assertPointsAt(bucket, models.manifest().version());
    }

    @Test
    void republishingChangesNothing(S3TestServer server, TestBucket bucket) throws Exception {
        Path model = models.trained(dir.resolve("a"), "v1", 0.9, 0.8);
        writeReport(model.resolve("report"));
        LocalModel local = LocalModel.open(model, null);
        PublishResult first = publisher(bucket, ObjectUploader.DEFAULT_PART_SIZE).publish(local,
                S3Location.parse(bucket.uri(PREFIX)), false);
        assertEquals(5, first.uploaded());
        HeadObjectResponse pointerBefore = bucket.s3().headObject(b -> b.bucket(bucket.name()).key(CURRENT));
        HeadObjectResponse modelBefore = bucket.s3().headObject(b -> b.bucket(bucket.name()).key(PREFIX + "v1/model.onnx"));

        PublishResult again = publisher(bucket, ObjectUploader.DEFAULT_PART_SIZE).publish(LocalModel.open(model, null),
                S3Location.parse(bucket.uri(PREFIX)), false);

        assertEquals(0, again.uploaded());
        assertEquals(5, again.unchanged());
        assertTrue(again.decision().promote() && !again.decision().write(), again.decision().line());
        assertEquals(pointerBefore.lastModified(), bucket.s3().headObject(b -> b.bucket(bucket.name()).key(CURRENT))
                .lastModified());
        assertEquals(modelBefore.lastModified(), bucket.s3().headObject(b -> b.bucket(bucket.name())
                .key(PREFIX + "v1/model.onnx")).lastModified());
    }

    @Test
    void aModelWhoseHashDoesNotMatchItsManifestIsRefusedBeforeAnyUpload(S3TestServer server, TestBucket bucket)
            throws Exception {
        Path model = models.trained(dir.resolve("a"), "v1", 0.9, 0.8);
        byte[] onnx = Files.readAllBytes(model.resolve("model.onnx"));
        onnx[onnx.length - 1] ^= 1;
        Files.write(model.resolve("model.onnx"), onnx);

        Cli run = publish(server, model, bucket);

        assertEquals(2, run.code(), run.out() + run.err());
        assertEquals(List.of(), bucket.keys());
        String error = run.err().strip();
        assertEquals(1, error.lines().count(), error);
        assertTrue(error.contains("refusing to publish") && error.contains("sha256 of model.onnx is "), error);
    }

    @Test
    void theInt8FileTravelsWithItsModelAndIsCheckedLikeIt(S3TestServer server, TestBucket bucket) throws Exception {
        Path model = dir.resolve("int8");
        assertEquals(0, TrainingCli.run("export", "--untrained", "--architecture", "small", "--seed", "7", "--size",
                "64", "--random-samples", "2", "--int8", "--calibration-images", "2", "--out", model.toString()));
        String version = new ManifestCodec().read(model.resolve(LocalModel.MANIFEST)).version();

        Cli run = publish(server, "--model", model.toString(), "--to", bucket.uri(PREFIX), "--force");

        assertEquals(0, run.code(), run.out() + run.err());
        assertArrayEquals(Files.readAllBytes(model.resolve(ModelFile.INT8_FILE)),
                bucket.get(PREFIX + version + "/" + ModelFile.INT8_FILE));

        byte[] int8 = Files.readAllBytes(model.resolve(ModelFile.INT8_FILE));
        int8[int8.length - 1] ^= 1;
        Files.write(model.resolve(ModelFile.INT8_FILE), int8);
        PublishRefusedException tampered = assertThrows(PublishRefusedException.class,
                () -> LocalModel.open(model, null));
        assertTrue(tampered.getMessage().contains("sha256 of model-int8.onnx is "), tampered.getMessage());
        Files.delete(model.resolve(ModelFile.INT8_FILE));
        PublishRefusedException missing = assertThrows(PublishRefusedException.class,
                () -> LocalModel.open(model, null));
        assertTrue(missing.getMessage().contains("lists model-int8.onnx (int8), which is missing"),
                missing.getMessage());
    }

    @Test
    void anInvalidManifestIsRefusedBeforeAnyUpload(S3TestServer server, TestBucket bucket) throws Exception {
        Path model = models.trained(dir.resolve("a"), "v1", 0.9, 0.8);
        Files.writeString(model.resolve("manifest.json"), "{\"name\": \"defactifynet\"}");
        Cli run = publish(server, model, bucket);
        assertEquals(2, run.code(), run.out() + run.err());
        assertEquals(List.of(), bucket.keys());
        assertTrue(run.err().contains("invalid model manifest"), run.err());
    }

    @Test
    void largeFilesGoUpInPartsAndArriveIntact(TestBucket bucket) throws Exception {
        Path model = models.trained(dir.resolve("a"), "v1", 0.9, 0.8);
        // Real S3 (and S3Mock) refuse parts under 5 MiB except the last, so the big file is a report plot of 11 MiB.
        byte[] plot = new byte[11 * 1024 * 1024 + 123];
        new Random(5).nextBytes(plot);
        Files.createDirectories(model.resolve("report"));
        Files.write(model.resolve("report/big.png"), plot);
        long partSize = 5L * 1024 * 1024;

        PublishResult result = publisher(bucket, partSize).publish(LocalModel.open(model, null),
                S3Location.parse(bucket.uri(PREFIX)), false);

        assertEquals(3, result.uploaded());
        assertArrayEquals(plot, bucket.get(PREFIX + "v1/report/big.png"));
        HeadObjectResponse head = bucket.s3().headObject(b -> b.bucket(bucket.name()).key(PREFIX + "v1/report/big.png"));
        assertEquals(Sha256.of(plot), head.metadata().get(ObjectUploader.SHA256_METADATA));
        assertEquals("image/png", head.contentType());
        // a multipart object's ETag ends in -<parts>: three parts of at most 5 MiB
        assertTrue(head.eTag().replace("\"", "").endsWith("-3"), head.eTag());
        assertEquals(List.of(), bucket.s3().listMultipartUploads(b -> b.bucket(bucket.name())).uploads());

        PublishResult again = publisher(bucket, partSize).publish(LocalModel.open(model, null),
                S3Location.parse(bucket.uri(PREFIX)), false);
        assertEquals(0, again.uploaded());
    }

    @Test
    void aMultipartUploadThatFailsIsAbortedAndLeavesNoObject(TestBucket bucket) throws Exception {
        Path big = dir.resolve("big.bin");
        Files.write(big, new byte[6 * 1024 * 1024]);
        PublishedFile file = PublishedFile.of(big, "big.bin");
        // gone after it was hashed: CreateMultipartUpload succeeds, reading the first part fails
        Files.delete(big);
        S3Location target = S3Location.parse(bucket.uri("x/big.bin"));

        assertThrows(IOException.class, () -> new ObjectUploader(bucket.s3(), 5L * 1024 * 1024).upload(file, target));

        assertEquals(List.of(), bucket.keys());
        assertEquals(List.of(), bucket.s3().listMultipartUploads(b -> b.bucket(bucket.name())).uploads());
    }

    @Test
    void aFailureMidwayLeavesCurrentJsonAlone(TestBucket bucket) throws Exception {
        Path first = models.trained(dir.resolve("a"), "v1", 0.5, 0.5);
        publisher(bucket, ObjectUploader.DEFAULT_PART_SIZE).publish(LocalModel.open(first, null),
                S3Location.parse(bucket.uri(PREFIX)), false);
        Path better = models.trained(dir.resolve("b"), "v2", 0.9, 0.9);
        writeReport(better.resolve("report"));
        LocalModel local = LocalModel.open(better, null);
        // vanishes between the check and its upload, after model.onnx went up and before manifest.json
        Files.delete(better.resolve("report/report.md"));

        assertThrows(UncheckedIOException.class, () -> publisher(bucket, ObjectUploader.DEFAULT_PART_SIZE)
                .publish(local, S3Location.parse(bucket.uri(PREFIX)), false));

        assertPointsAt(bucket, "v1");
        assertTrue(bucket.keys().contains(PREFIX + "v2/model.onnx"), bucket.keys()::toString);
        assertFalse(bucket.keys().contains(PREFIX + "v2/manifest.json"), bucket.keys()::toString);
    }

    @Test
    void currentJsonIsWhatTheFunctionReads(S3TestServer server, TestBucket bucket) throws Exception {
        // no trailing slash on --to: the same place
        Cli run = publish(server, "--model", models.trained(dir.resolve("a"), "v1", 0.9, 0.8).toString(),
                "--to", bucket.uri("models/defactifynet"));
        assertEquals(0, run.code(), run.out() + run.err());
        JsonNode json = new ObjectMapper().readTree(bucket.get(CURRENT));
        assertEquals(List.of("version", "prefix"), fieldNames(json));
        CurrentPointer pointer = CurrentPointer.read(bucket.get(CURRENT));
        assertEquals(new CurrentPointer("v1", bucket.uri(PREFIX + "v1/")), pointer);
        assertTrue(pointer.prefix().endsWith("/"), pointer.prefix());
    }

    @Test
    void theCommandIsListedWithItsExitCodes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, TrainingCli.run("publish", "--help"));
        } finally {
            System.setOut(original);
        }
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("--force") && help.contains("uploaded but not promoted"), help);
    }

    // --- helpers

    private static ModelPublisher publisher(TestBucket bucket, long partSize) {
        return new ModelPublisher(bucket.s3(), new ObjectUploader(bucket.s3(), partSize),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static void assertPointsAt(TestBucket bucket, String version) {
        CurrentPointer pointer = CurrentPointer.read(bucket.get(CURRENT));
        assertEquals(new CurrentPointer(version, bucket.uri(PREFIX + version + "/")), pointer);
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Path writeReport(Path report) throws IOException {
        Files.createDirectories(report.resolve("plots"));
        Files.writeString(report.resolve("report.json"), "{\"split\": \"test\"}\n");
        Files.writeString(report.resolve("report.md"), "# Report\n");
        Files.write(report.resolve("plots/loss.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        return report;
    }

    record Cli(int code, String out, String err) {
    }

    private static Cli publish(S3TestServer server, Path model, TestBucket bucket) {
        return publish(server, "--model", model.toString(), "--to", bucket.uri(PREFIX));
    }

    /** Runs the real command line, its S3 client built from the SDK defaults aimed at the test server. */
    private static Cli publish(S3TestServer server, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "publish";
        System.arraycopy(args, 0, command, 1, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try (SdkDefaults defaults = server.useAsSdkDefaults()) {
            code = TrainingCli.run(command);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String stdout = out.toString(StandardCharsets.UTF_8);
        String stderr = err.toString(StandardCharsets.UTF_8);
        originalOut.print(stdout);
        originalErr.print(stderr);
        return new Cli(code, stdout, stderr);
    }
}
