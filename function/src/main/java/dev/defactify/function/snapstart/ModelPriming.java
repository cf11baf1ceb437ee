package dev.defactify.function.snapstart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.contract.image.ImageRejectedException;
import dev.defactify.function.scoring.Detection;
import dev.defactify.function.scoring.Detector;
import dev.defactify.function.serving.ModelService;
import io.micronaut.crac.OrderedResource;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * SnapStart priming: before the snapshot, score the bundled sample images several times through the whole path
 * (decode, preprocess, ONNX Runtime, class activation map, JSON), so the snapshot holds JIT-compiled code, loaded
 * classes and ONNX Runtime's initialised kernels rather than paying for them on the first request after restore.
 * A process without a model refuses the checkpoint, so a broken model fails publishing the version instead of
 * being snapshotted. On a JVM without CRaC the hooks never run and this is inert.
 */
public final class ModelPriming implements OrderedResource {
    static final List<String> SAMPLES = List.of("/priming/sample.jpg", "/priming/sample.png");
    static final int ROUNDS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ModelPriming.class);

    private final ModelService model;
    private final ObjectMapper json;
    private final List<byte[]> samples;

    public ModelPriming(ModelService model, ObjectMapper json) {
        this.model = model;
        this.json = json;
        this.samples = SAMPLES.stream().map(ModelPriming::resource).toList();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        int runs = prime();
        LOG.info("primed the model with {} detections before the snapshot", runs);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        LOG.info("restored from snapshot");
    }

    /**
     * @return the number of detections run
     * @throws IllegalStateException when no model is loaded or a sample cannot be scored
     */
    public int prime() {
        Detector detector = model.detector().orElseThrow(() -> new IllegalStateException(
                "refusing to prime (and snapshot) a function without a model: " + model.failure().orElse("")));
        int runs = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                for (byte[] sample : samples) {
                    Detection detection = detector.detect(sample, 0, round == 0);
                    json.writeValueAsBytes(detection);
                    runs++;
                }
            }
        } catch (ImageRejectedException | JsonProcessingException e) {
            throw new IllegalStateException("priming failed on a bundled sample: " + e.getMessage(), e);
        }
        return runs;
    }

    private static byte[] resource(String name) {
        try (InputStream in = ModelPriming.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundled sample " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
