package dev.defactify.training.quantize;

import ai.djl.engine.Engine;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.defactify.training.model.TensorNames;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exported model file in an ONNX Runtime session with the optimisations serving uses (ALL, which is what fuses
 * QDQ into integer kernels), for comparing files with each other at export.
 */
public final class OnnxFile implements AutoCloseable {
    /** What the three model outputs hold for one batch, each flattened row-major. */
    public record Outputs(int batch, float[] aiLogit, float[] sourceLogits, float[] features) { }

    private final OrtEnvironment environment;
    private final OrtSession session;

    private OnnxFile(OrtEnvironment environment, OrtSession session) {
        this.environment = environment;
        this.session = session;
    }

    public static OnnxFile open(Path file) throws IOException {
        // DJL's engine owns ONNX Runtime's native library; starting it first keeps both on one environment.
        Engine.getEngine("OnnxRuntime");
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
            return new OnnxFile(environment, environment.createSession(file.toString(), options));
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime cannot load " + file + ": " + e.getMessage(), e);
        }
    }

    /** @param tensors CHW float tensors of side {@code side} */
    public Outputs run(List<float[]> tensors, int side) throws IOException {
        int length = 3 * side * side;
        FloatBuffer batch = FloatBuffer.allocate(tensors.size() * length);
        tensors.forEach(batch::put);
        batch.flip();
        try (OnnxTensor input = OnnxTensor.createTensor(environment, batch,
                new long[] {tensors.size(), 3, side, side});
             OrtSession.Result result = session.run(Map.of(TensorNames.IMAGE, input))) {
            Map<String, float[]> values = new LinkedHashMap<>();
            for (String name : List.of(TensorNames.AI_LOGIT, TensorNames.SOURCE_LOGITS, TensorNames.FEATURES)) {
                OnnxValue value = result.get(name).orElseThrow(() -> new IOException("the model has no output "
                        + name));
                FloatBuffer buffer = ((OnnxTensor) value).getFloatBuffer();
                float[] array = new float[buffer.remaining()];
                buffer.get(array);
                values.put(name, array);
            }
            return new Outputs(tensors.size(), values.get(TensorNames.AI_LOGIT),
                    values.get(TensorNames.SOURCE_LOGITS), values.get(TensorNames.FEATURES));
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
