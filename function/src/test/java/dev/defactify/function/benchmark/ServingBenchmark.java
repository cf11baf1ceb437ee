package dev.defactify.function.benchmark;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.contract.image.ImageLimits;
import dev.defactify.contract.image.ImageFormat;
import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.contract.image.ImageRejectedException;
import dev.defactify.contract.image.InputSpec;
import dev.defactify.contract.image.JpegBackend;
import dev.defactify.contract.image.ResizePolicy;
import dev.defactify.contract.manifest.ManifestCodec;
import dev.defactify.contract.manifest.ModelFile;
import dev.defactify.contract.manifest.ModelManifest;
import dev.defactify.contract.manifest.Precision;
import dev.defactify.function.model.ModelFiles;
import dev.defactify.function.model.LoadedModel;
import dev.defactify.function.model.ModelFetcher;
import dev.defactify.function.model.ModelLoader;
import dev.defactify.function.model.ModelLocation;
import dev.defactify.function.model.SessionSettings;
import dev.defactify.function.s3.S3Access;
import dev.defactify.function.scoring.Detection;
import dev.defactify.function.scoring.Detector;
import dev.defactify.testing.s3.S3TestServer;
import dev.defactify.testing.s3.SdkDefaults;
import dev.defactify.testing.s3.TestBucket;
import dev.defactify.function.testing.TestImages;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The serving benchmark of README "Speed": for each precision the model folder lists (INT8 first, then fp32), our whole
 * path (decode + preprocess + inference + JSON) against a raw ONNX Runtime session of the same file on an
 * already-prepared tensor, in the same JVM and run; batch-8 throughput and GFLOP/s of the raw sessions; init from the
 * local S3 server; first request after priming against warm; peak RSS.
 *
 * <p>Run with {@code scripts/benchmark-serving} (exports a random-weight ResNet-50 DeFactifyNet with the
 * project's exporter, fp32 and INT8, first). Arguments: MODEL_DIR [ROUNDS].
 */
public final class ServingBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** ResNet-50's multiply-adds at 224² (4.1 G), counted as two operations each; the heads add nothing visible. */
    private static final double GFLOP_PER_IMAGE = 8.2;
    private static final int BATCH = 8;

    private record Input(String name, byte[] bytes, String policy) {
    }

    /** One precision's figures. */
    private record Run(Precision precision, double initMs, double loadMs, double primingMs, double firstMs,
                       double[] oursMedian, double[][] stageMedians, double rawBatch1, double rawBatch8ImagesPerS,
                       long peakRssMb) {
    }

    public static void main(String[] args) throws Exception {
        Path modelDir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int threads = Runtime.getRuntime().availableProcessors();
        byte[] large = TestImages.jpeg(4000, 3000, 3);
        List<Input> inputs = List.of(new Input("224x224 PNG", TestImages.png(224, 224, 1), null),
                new Input("1024x1024 JPEG", TestImages.jpeg(1024, 1024, 2), null),
                new Input("4000x3000 JPEG", large, null),
                new Input("4000x3000 JPEG, center-crop", large, ResizePolicy.CENTER_CROP.slug()));
        ModelManifest manifest = new ManifestCodec().read(modelDir.resolve("manifest.json"));
        List<Precision> precisions = new ArrayList<>();
        manifest.file(Precision.INT8).ifPresent(file -> precisions.add(Precision.INT8));
        precisions.add(Precision.FP32);

        List<Run> runs = new ArrayList<>();
        try (S3TestServer server = S3TestServer.start(S3TestServer.jarFromSystemProperty(), "models");
             SdkDefaults ignored = server.useAsSdkDefaults()) {
            TestBucket bucket = new TestBucket(server.client(), "models");
            for (ModelFile file : manifest.files()) {
                // Streamed from the file: the model's bytes must not sit in this JVM's heap and inflate its RSS.
                server.client().putObject(b -> b.bucket("models").key("defactifynet/v1/" + file.file()),
                        RequestBody.fromFile(modelDir.resolve(file.file())));
            }
            bucket.put("defactifynet/v1/manifest.json", Files.readAllBytes(modelDir.resolve("manifest.json")));
            // The same files under the other preprocessing policy: the policy is the manifest's, not the weights'.
            String centerCrop = new String(Files.readAllBytes(modelDir.resolve("manifest.json")))
                    .replace(manifest.input().policy().slug(), ResizePolicy.CENTER_CROP.slug());
            for (Precision precision : precisions) {
                runs.add(run(bucket, manifest, precision, centerCrop, inputs, rounds, threads, modelDir));
            }
        }
        report(manifest, inputs, runs, rounds, threads);
        decoders(manifest, inputs, rounds);
    }

    /** Decode + preprocess of each JPEG input through libjpeg-turbo and through ImageIO, same rules otherwise. */
    private static void decoders(ModelManifest manifest, List<Input> inputs, int rounds) throws Exception {
        System.out.printf("%nJPEG decode + preprocess, median ms (libjpeg-turbo natives loaded: %s):%n%n"
                + "| input | libjpeg-turbo | ImageIO | ratio |%n|---|---|---|---|%n", JpegBackend.LIBJPEG_TURBO.isNative());
        for (Input input : inputs) {
            if (ImageFormat.sniff(input.bytes()).orElseThrow() != ImageFormat.JPEG) {
                continue;
            }
            InputSpec spec = input.policy() == null ? manifest.input()
                    : InputSpec.imagenet(manifest.input().size(), ResizePolicy.ofSlug(input.policy()));
            double[] medians = new double[2];
            JpegBackend[] backends = {JpegBackend.LIBJPEG_TURBO, JpegBackend.IMAGEIO};
            for (int b = 0; b < 2; b++) {
                ImagePreprocessor preprocessor = new ImagePreprocessor(spec, ImageLimits.defaults(), backends[b]);
                double[] times = new double[rounds];
                for (int r = -3; r < rounds; r++) {
                    long start = System.nanoTime();
                    preprocessor.prepare(input.bytes());
                    if (r >= 0) {
                        times[r] = (System.nanoTime() - start) / 1e6;
                    }
                }
                medians[b] = median(times);
            }
            System.out.printf("| %s | %.1f | %.1f | %.2fx faster |%n", input.name(), medians[0], medians[1],
                    medians[1] / medians[0]);
        }
    }

    private static Run run(TestBucket bucket, ModelManifest manifest, Precision precision, String centerCropManifest,
                           List<Input> inputs, int rounds, int threads, Path modelDir) throws Exception {
        // Init as Lambda pays it: S3 client, fetch, verify, ONNX Runtime session, priming.
        long initStart = System.nanoTime();
        S3Access s3 = new S3Access();
        ModelLoader loader = new ModelLoader(new ModelFetcher(s3), new SessionSettings(threads),
                ImageLimits.defaults(), Optional.of(precision));
        LoadedModel model = loader.load(ModelLocation.parse(bucket.uri("defactifynet/v1/")));
        long loaded = System.nanoTime();
        Detector detector = new Detector(model);
        List<byte[]> samples = List.of(resource("/priming/sample.jpg"), resource("/priming/sample.png"));
        for (int round = 0; round < 3; round++) {
            for (byte[] sample : samples) {
                JSON.writeValueAsBytes(detector.detect(sample, 0, round == 0));
            }
        }
        long primed = System.nanoTime();
        double first = endToEnd(detector, inputs.get(1).bytes());

        ModelFiles cropFiles = new ModelFiles("center-crop", centerCropManifest.getBytes(StandardCharsets.UTF_8),
                manifest.file(precision).orElseThrow(), modelDir.resolve(manifest.file(precision).orElseThrow().file()),
                manifest.file(precision).orElseThrow().sha256(), false);
        LoadedModel cropModel = loader.load(cropFiles);
        Detector cropDetector = new Detector(cropModel);
        cropDetector.detect(samples.get(0), 0, false);

        double[][] ours = new double[inputs.size()][rounds];
        double[][][] stages = new double[inputs.size()][3][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < inputs.size(); i++) {
                Detector d = inputs.get(i).policy() == null ? detector : cropDetector;
                long start = System.nanoTime();
                Detection detection = d.detect(inputs.get(i).bytes(), 0, false);
                JSON.writeValueAsBytes(detection);
                ours[i][r] = (System.nanoTime() - start) / 1e6;
                stages[i][0][r] = detection.timingsMs().decode();
                stages[i][1][r] = detection.timingsMs().preprocess();
                stages[i][2][r] = detection.timingsMs().inference();
            }
        }
        long peakRssMb = peakRssKb() / 1024;
        int size = model.preprocessor().spec().size();
        // The raw session gets a real image's tensor: activations (and so denormals, timing) as in serving.
        float[] tensor = model.preprocessor().prepare(inputs.get(1).bytes()).tensor();
        cropModel.close();
        model.close();
        s3.close();

        Path onnx = modelDir.resolve(manifest.file(precision).orElseThrow().file());
        double[] raw1 = rawSession(onnx, size, threads, rounds, 1, tensor);
        double[] raw8 = rawSession(onnx, size, threads, Math.max(5, rounds / 4), BATCH, tensor);
        double[] oursMedian = new double[inputs.size()];
        double[][] stageMedians = new double[inputs.size()][3];
        for (int i = 0; i < inputs.size(); i++) {
            oursMedian[i] = median(ours[i]);
            for (int s = 0; s < 3; s++) {
                stageMedians[i][s] = median(stages[i][s]);
            }
        }
        return new Run(precision, (primed - initStart) / 1e6, (loaded - initStart) / 1e6, (primed - loaded) / 1e6,
                first, oursMedian, stageMedians, median(raw1), BATCH * 1000 / median(raw8), peakRssMb);
    }

    private static void report(ModelManifest manifest, List<Input> inputs, List<Run> runs, int rounds, int threads)
            throws IOException {
        System.out.printf("%nServing benchmark: ResNet-50 DeFactifyNet (random weights, %d px), %d rounds, "
                        + "%d intra-op threads, %s %s, %s%n", manifest.input().size(), rounds, threads,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), cpuName());
        System.out.printf("%nRaw ONNX Runtime session on a ready tensor:%n%n| precision | batch 1, median ms | batch %d,"
                + " images/s | GFLOP/s (8.2 GFLOP/image) |%n|---|---|---|---|%n", BATCH);
        for (Run run : runs) {
            System.out.printf("| %s | %.1f | %.1f | %.0f (batch 1: %.0f) |%n", run.precision().slug(), run.rawBatch1(),
                    run.rawBatch8ImagesPerS(), run.rawBatch8ImagesPerS() * GFLOP_PER_IMAGE,
                    1000 / run.rawBatch1() * GFLOP_PER_IMAGE);
        }
        System.out.printf("%nEnd to end (decode + preprocess + inference + JSON) vs the raw session of the same file:%n%n"
                + "| input | precision | ours, median ms | raw session | ratio | decode | preprocess | inference |%n"
                + "|---|---|---|---|---|---|---|---|%n");
        for (int i = 0; i < inputs.size(); i++) {
            for (Run run : runs) {
                System.out.printf("| %s | %s | %.1f | %.1f | %.2fx | %.1f | %.1f | %.1f |%n", inputs.get(i).name(),
                        run.precision().slug(), run.oursMedian()[i], run.rawBatch1(),
                        run.oursMedian()[i] / run.rawBatch1(), run.stageMedians()[i][0], run.stageMedians()[i][1],
                        run.stageMedians()[i][2]);
            }
        }
        if (runs.size() == 2) {
            Run int8 = runs.get(0);
            Run fp32 = runs.get(1);
            System.out.printf("%nINT8 vs fp32 end to end:");
            for (int i = 0; i < inputs.size(); i++) {
                System.out.printf(" %s %.2fx;", inputs.get(i).name(), fp32.oursMedian()[i] / int8.oursMedian()[i]);
            }
            System.out.printf(" raw session %.2fx (batch 1), %.2fx (batch %d)%n", fp32.rawBatch1() / int8.rawBatch1(),
                    int8.rawBatch8ImagesPerS() / fp32.rawBatch8ImagesPerS(), BATCH);
        }
        System.out.println();
        for (Run run : runs) {
            System.out.printf("%s: init from the local S3 server %.0f ms (fetch + verify + session %.0f ms, priming"
                            + " %.0f ms); first 1024x1024 JPEG after priming %.1f ms vs warm median %.1f ms (%.2fx);"
                            + " peak RSS so far %d MB%n", run.precision().slug(), run.initMs(), run.loadMs(),
                    run.primingMs(), run.firstMs(), run.oursMedian()[1], run.firstMs() / run.oursMedian()[1],
                    run.peakRssMb());
        }
        System.out.printf("peak RSS after the raw sessions too: %d MB%n", peakRssKb() / 1024);
    }

    private static double endToEnd(Detector detector, byte[] bytes) throws ImageRejectedException, IOException {
        long start = System.nanoTime();
        JSON.writeValueAsBytes(detector.detect(bytes, 0, false));
        return (System.nanoTime() - start) / 1e6;
    }

    /** Median milliseconds per call of a session on {@code batch} ready tensors. */
    private static double[] rawSession(Path onnx, int size, int threads, int rounds, int batch, float[] image)
            throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new SessionSettings(threads).toOptions()) {
            try (OrtSession session = env.createSession(onnx.toString(), options)) {
                FloatBuffer tensor = ByteBuffer.allocateDirect(batch * 3 * size * size * 4)
                        .order(ByteOrder.nativeOrder()).asFloatBuffer();
                for (int n = 0; n < batch; n++) {
                    tensor.put(image);
                }
                tensor.flip();
                String input = session.getInputNames().iterator().next();
                double[] times = new double[rounds];
                try (OnnxTensor x = OnnxTensor.createTensor(env, tensor, new long[]{batch, 3, size, size})) {
                    for (int r = -3; r < rounds; r++) {
                        long start = System.nanoTime();
                        try (OrtSession.Result ignored = session.run(Map.of(input, x))) {
                            if (r >= 0) {
                                times[r] = (System.nanoTime() - start) / 1e6;
                            }
                        }
                    }
                }
                return times;
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long peakRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static String cpuName() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                names.add(line.substring(line.indexOf(':') + 1).strip());
            }
        }
        return names.size() + " x " + (names.isEmpty() ? "unknown CPU" : names.get(0));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ServingBenchmark.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
