package dev.defactify.training.quantize;

import ai.djl.engine.Engine;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.defactify.training.model.TensorNames;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the range of every activation of a {@link FoldedNetwork} on calibration images: runs the float probe graph
 * through ONNX Runtime (the engine that will run the INT8 model) and accumulates per-tensor statistics. The input's
 * range is measured on the tensors themselves.
 */
public final class ActivationCalibration {
    /** Small batches: the probe returns every activation, tens of MB per ResNet-50 image. */
    private static final int BATCH = 2;

    private final CalibrationMethod method;

    public ActivationCalibration(CalibrationMethod method) {
        this.method = method;
    }

    /**
     * @param tensors CHW float tensors of side {@code inputSize}, prepared exactly as serving prepares images
     */
    public Map<String, ActivationRange> ranges(FoldedNetwork net, int inputSize, List<float[]> tensors,
                                               String producerVersion) throws OrtException {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("calibration needs at least one image");
        }
        FoldedGraph.Probe probe = FoldedGraph.probe(net, inputSize, producerVersion);
        Map<String, ValueStatistics> statistics = new LinkedHashMap<>();
        statistics.put(TensorNames.IMAGE, new ValueStatistics());
        probe.activations().forEach(name -> statistics.put(name, new ValueStatistics()));
        Engine.getEngine("OnnxRuntime"); // see OnnxFile: DJL's engine brings up the native library
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // Only basic rewrites: the probe's outputs must stay the tensors they are named after.
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
            try (OrtSession session = environment.createSession(probe.model().toByteArray(), options)) {
                pass(environment, session, inputSize, tensors, statistics, false);
                if (method.needsHistogram()) {
                    pass(environment, session, inputSize, tensors, statistics, true);
                }
            }
        }
        Map<String, ActivationRange> ranges = new LinkedHashMap<>();
        statistics.forEach((name, stats) -> ranges.put(name, stats.range(method)));
        return ranges;
    }

    private static void pass(OrtEnvironment environment, OrtSession session, int side, List<float[]> tensors,
                             Map<String, ValueStatistics> statistics, boolean histogram) throws OrtException {
        int length = 3 * side * side;
        List<String> names = new ArrayList<>(statistics.keySet());
        for (int from = 0; from < tensors.size(); from += BATCH) {
            int n = Math.min(BATCH, tensors.size() - from);
            FloatBuffer batch = FloatBuffer.allocate(n * length);
            for (int i = 0; i < n; i++) {
                batch.put(tensors.get(from + i));
            }
            batch.flip();
            accumulate(statistics.get(TensorNames.IMAGE), batch, histogram);
            try (OnnxTensor input = OnnxTensor.createTensor(environment, batch, new long[] {n, 3, side, side});
                 OrtSession.Result result = session.run(Map.of(TensorNames.IMAGE, input))) {
                for (String name : names.subList(1, names.size())) {
                    OnnxValue value = result.get(name).orElseThrow(() ->
                            new IllegalStateException("the probe graph did not return " + name));
                    accumulate(statistics.get(name), ((OnnxTensor) value).getFloatBuffer(), histogram);
                }
            }
        }
    }

    private static void accumulate(ValueStatistics statistics, FloatBuffer values, boolean histogram) {
        if (histogram) {
            statistics.histogram(values);
        } else {
            statistics.span(values);
        }
    }
}
