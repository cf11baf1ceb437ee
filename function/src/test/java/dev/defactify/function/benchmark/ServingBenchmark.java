package dev.defactify.function.benchmark;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.contract.image.ImageLimits;
import dev.defactify.contract.image.ImageRejectedException;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The serving benchmark of README "Speed": our whole path (decode + preprocess + inference + JSON) against a raw
 * ONNX Runtime session on an already-prepared tensor of the same model, in the same JVM and run; init from the
 * local S3 server; first request after priming against warm; peak RSS.
 *
 * <p>Run with {@code scripts/benchmark-serving} (exports a random-weight ResNet-50 DeFactifyNet with the
 * project's exporter first). Arguments: MODEL_DIR [ROUNDS].
 */
public final class ServingBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Input(String name, byte[] bytes) {
    }

    public static void main(String[] args) throws Exception {
        Path modelDir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int threads = Runtime.getRuntime().availableProcessors();
        List<Input> inputs = List.of(new Input("224x224 PNG", TestImages.png(224, 224, 1)),
                new Input("1024x1024 JPEG", TestImages.jpeg(1024, 1024, 2)),
                new Input("4000x3000 JPEG", TestImages.jpeg(4000, 3000, 3)));
        Path onnx = modelDir.resolve("model.onnx");

        try (S3TestServer server = S3TestServer.start(S3TestServer.jarFromSystemProperty(), "models");
             SdkDefaults ignored = server.useAsSdkDefaults()) {
            TestBucket bucket = new TestBucket(server.client(), "models");
            // Streamed from the file: the model's bytes must not sit in this JVM's heap and inflate its RSS.
            server.client().putObject(b -> b.bucket("models").key("defactifynet/v1/model.onnx"),
                    RequestBody.fromFile(onnx));
            bucket.put("defactifynet/v1/manifest.json", Files.readAllBytes(modelDir.resolve("manifest.json")));

            // Init as Lambda pays it: S3 client, fetch, verify, ONNX Runtime session, priming.
            long initStart = System.nanoTime();
            S3Access s3 = new S3Access();
            LoadedModel model = new ModelLoader(new ModelFetcher(s3), new SessionSettings(threads),
                    ImageLimits.defaults()).load(ModelLocation.parse(bucket.uri("defactifynet/v1/")));
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
            double[][] ours = new double[inputs.size()][rounds];
            double[][][] stages = new double[inputs.size()][3][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < inputs.size(); i++) {
                    long start = System.nanoTime();
                    Detection detection = detector.detect(inputs.get(i).bytes(), 0, false);
                    JSON.writeValueAsBytes(detection);
                    ours[i][r] = (System.nanoTime() - start) / 1e6;
                    stages[i][0][r] = detection.timingsMs().decode();
                    stages[i][1][r] = detection.timingsMs().preprocess();
                    stages[i][2][r] = detection.timingsMs().inference();
                }
            }
            long peakPipelineKb = peakRssKb();
            long heapMb = Runtime.getRuntime().totalMemory() / (1024 * 1024);
            int size = model.preprocessor().spec().size();
            model.close();
            s3.close();

            double[] raw = rawSession(onnx, size, threads, rounds);

            System.out.printf("%nServing benchmark: ResNet-50 DeFactifyNet (random weights, %d px), %d rounds, "
                    + "%d intra-op threads, %s %s, %s%n", size, rounds, threads, System.getProperty("java.vm.name"),
                    System.getProperty("java.version"), cpuName());
            System.out.printf("%n| input | ours, median ms | raw ORT session, median ms | ratio | decode | preprocess"
                    + " | inference |%n|---|---|---|---|---|---|---|%n");
            double rawMedian = median(raw);
            for (int i = 0; i < inputs.size(); i++) {
                double m = median(ours[i]);
                System.out.printf("| %s | %.1f | %.1f | %.2fx | %.1f | %.1f | %.1f |%n", inputs.get(i).name(), m,
                        rawMedian, m / rawMedian, median(stages[i][0]), median(stages[i][1]), median(stages[i][2]));
            }
            double warm = median(ours[1]);
            System.out.printf("%ninit from the local S3 server: %.0f ms (fetch + verify + session %.0f ms, priming %.0f ms)%n",
                    (primed - initStart) / 1e6, (loaded - initStart) / 1e6, (primed - loaded) / 1e6);
            System.out.printf("first 1024x1024 JPEG after priming: %.1f ms vs warm median %.1f ms (%.2fx)%n",
                    first, warm, first / warm);
            System.out.printf("peak RSS during init + scoring: %d MB (Java heap committed %d MB; after the raw session"
                    + " too: %d MB)%n", peakPipelineKb / 1024, heapMb, peakRssKb() / 1024);
        }
    }

    private static double endToEnd(Detector detector, byte[] bytes) throws ImageRejectedException, IOException {
        long start = System.nanoTime();
        JSON.writeValueAsBytes(detector.detect(bytes, 0, false));
        return (System.nanoTime() - start) / 1e6;
    }

    private static double[] rawSession(Path onnx, int size, int threads, int rounds) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new SessionSettings(threads).toOptions()) {
            try (OrtSession session = env.createSession(onnx.toString(), options)) {
                FloatBuffer tensor = ByteBuffer.allocateDirect(3 * size * size * 4).order(ByteOrder.nativeOrder())
                        .asFloatBuffer();
                for (int i = 0; i < tensor.capacity(); i++) {
                    tensor.put(i, (float) Math.sin(i * 0.001));
                }
                String input = session.getInputNames().iterator().next();
                double[] times = new double[rounds];
                try (OnnxTensor x = OnnxTensor.createTensor(env, tensor, new long[]{1, 3, size, size})) {
                    for (int r = -5; r < rounds; r++) {
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
