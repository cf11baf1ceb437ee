package dev.defactify.function.scoring;

import dev.defactify.contract.image.ImageLimits;
import dev.defactify.contract.image.ImageRejectedException;
import dev.defactify.contract.score.Probabilities;
import dev.defactify.function.explain.ActivationMap;
import dev.defactify.function.explain.FeatureMap;
import dev.defactify.function.model.LoadedModel;
import dev.defactify.function.model.ModelFetcher;
import dev.defactify.function.model.ModelLoader;
import dev.defactify.function.model.ModelLocation;
import dev.defactify.function.model.NetworkOutput;
import dev.defactify.function.model.SessionSettings;
import dev.defactify.function.s3.S3Access;
import dev.defactify.function.testing.ProcessMemory;
import dev.defactify.function.testing.TestImages;
import dev.defactify.function.testing.TestModels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetectorTest {
    static S3Access s3;
    static LoadedModel model;
    static Detector detector;

    @BeforeAll
    static void load() throws Exception {
        s3 = new S3Access();
        model = new ModelLoader(new ModelFetcher(s3), new SessionSettings(2), ImageLimits.defaults())
                .load(ModelLocation.parse(TestModels.small().toString()));
        detector = new Detector(model);
    }

    @AfterAll
    static void close() {
        model.close();
        s3.close();
    }

    @Test
    void sameBytesGiveTheSameDetection() throws ImageRejectedException {
        byte[] jpeg = TestImages.jpeg(300, 200, 3);
        Detection first = detector.detect(jpeg, 0, false);
        Detection second = detector.detect(jpeg, 0, false);
        assertEquals(first.aiProbability(), second.aiProbability());
        assertEquals(first.sourceProbabilities(), second.sourceProbabilities());
    }

    @Test
    void theActivationMapAveragesToTheBinaryHeadsLogit() throws ImageRejectedException {
        byte[] png = TestImages.png(128, 128, 4);
        Detection detection = detector.detect(png, 0, true);
        int size = model.preprocessor().spec().size();
        FloatBuffer tensor = ByteBuffer.allocateDirect(3 * size * size * 4).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        model.preprocessor().writeTensor(model.preprocessor().decoder().decode(png), tensor);
        NetworkOutput output = model.network().run(tensor, true);
        ActivationMap map = model.explainer().activationMap(new FeatureMap(output.channels(), output.rows(),
                output.cols(), output.features()));
        assertEquals(output.aiLogit(), map.meanLogit(), 1e-4, "CAM mean vs the graph's own ai_logit");
        assertEquals(Probabilities.sigmoid(output.aiLogit()), detection.aiProbability(), 1e-6);
        assertEquals(output.rows(), detection.explanation().grid().rows());
    }

    @Test
    void theManifestsCalibrationIsApplied(@TempDir Path dir) throws Exception {
        Path source = TestModels.small();
        Files.copy(source.resolve("model.onnx"), dir.resolve("model.onnx"));
        String manifest = Files.readString(source.resolve("manifest.json"));
        String calibration = "\"calibration\" : {\"aiTemperature\": 2.0, \"sourceTemperature\": 0.5,"
                + " \"unknownSourceBelow\": 0.99, \"fittedOn\": \"validation\"},";
        String edited = manifest.replaceFirst("(?s)\"calibration\" : \\{[^}]*},", "")
                .replaceFirst("\"threshold\" : 0.5,", "\"threshold\" : 0.5, " + calibration);
        assertTrue(edited.contains("\"unknownSourceBelow\": 0.99"), edited);
        Files.writeString(dir.resolve("manifest.json"), edited);
        byte[] jpeg = TestImages.jpeg(200, 100, 8);
        Detection raw = detector.detect(jpeg, 0, false);
        try (LoadedModel calibrated = new ModelLoader(new ModelFetcher(s3), new SessionSettings(2),
                ImageLimits.defaults()).load(ModelLocation.parse(dir.toString()))) {
            Detection detection = new Detector(calibrated).detect(jpeg, 0, false);
            double logit = Math.log(raw.aiProbability() / (1 - raw.aiProbability()));
            assertEquals(Probabilities.sigmoid(logit / 2), detection.aiProbability(), 1e-5);
            assertEquals(raw.source().label(), detection.source().label(), "temperature keeps the ranking");
            assertTrue(detection.source().probability() > raw.source().probability(), "T < 1 sharpens");
            assertTrue(raw.source().confident(), "uncalibrated: no unknown-source signal");
            assertTrue(!detection.source().confident(), "below unknownSourceBelow");
        }
    }

    /**
     * Native tensors are released per call: thousands of calls do not grow the process. A leak grows memory in every
     * window of calls alike, while the JIT, the allocator's arenas and the heap's committed size settle in steps that
     * land in one window or another (a single before/after figure over 3,000 calls read 108 MB on a CI machine with
     * no leak). So the check is the quietest of three windows: a leak cannot have a quiet one.
     */
    @Test
    void thousandsOfDetectionsDoNotLeakNativeMemory() throws Exception {
        byte[] jpeg = TestImages.jpeg(160, 120, 5);
        for (int i = 0; i < 300; i++) {
            detector.detect(jpeg, 0, i % 10 == 0);
        }
        int arrays = model.network().liveArrays();
        long[] grownPerWindow = new long[3];
        for (int window = 0; window < grownPerWindow.length; window++) {
            long before = ProcessMemory.outsideHeapKilobytes();
            for (int i = 0; i < 1000; i++) {
                detector.detect(jpeg, 0, i % 10 == 0);
            }
            grownPerWindow[window] = ProcessMemory.outsideHeapKilobytes() - before;
        }
        assertEquals(arrays, model.network().liveArrays(), "NDArrays left attached after 3000 detections");
        // One leaked input tensor per call alone would be 1000 x 110 KB = 107 MB in every window.
        long quietest = Arrays.stream(grownPerWindow).min().orElseThrow();
        assertTrue(quietest < 32 * 1024, "memory outside the heap grew in every window of 1000 detections: "
                + Arrays.toString(grownPerWindow) + " KB");
    }
}
