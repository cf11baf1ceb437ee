package dev.defactify.training.export;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.defactify.training.model.DeFactifyNet;
import dev.defactify.training.model.TensorNames;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the exported ONNX file through DJL's ONNX Runtime engine and the trained network through DJL/PyTorch in
 * inference mode on the same inputs, and reports the largest difference per output. Inputs are compared in small
 * batches so that the dynamic batch dimension is exercised too.
 */
public final class ParityCheck {
    private static final List<String> OUTPUTS = List.of(TensorNames.AI_LOGIT, TensorNames.SOURCE_LOGITS,
            TensorNames.FEATURES);

    private final int batchSize;

    public ParityCheck(int batchSize) {
        this.batchSize = batchSize;
    }

    /**
     * @param inputs CHW float tensors of side {@code side}, already normalised as the network expects
     */
    public ParityResult compare(DeFactifyNet net, NDManager torchManager, Path onnxFile, List<float[]> inputs, int side,
                                double tolerance) throws IOException {
        Map<String, Double> worst = new LinkedHashMap<>();
        OUTPUTS.forEach(name -> worst.put(name, 0.0));
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(onnxFile)
                .optEngine("OnnxRuntime")
                .optTranslator(new NoopTranslator())
                .build();
        ParameterStore store = new ParameterStore(torchManager, false);
        try (ZooModel<NDList, NDList> model = criteria.loadModel();
             Predictor<NDList, NDList> predictor = model.newPredictor()) {
            int length = 3 * side * side;
            for (int from = 0; from < inputs.size(); from += batchSize) {
                int n = Math.min(batchSize, inputs.size() - from);
                float[] batch = new float[n * length];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(inputs.get(from + i), 0, batch, i * length, length);
                }
                Shape shape = new Shape(n, 3, side, side);
                try (NDManager ortScope = model.getNDManager().newSubManager();
                     NDManager torchScope = torchManager.newSubManager()) {
                    NDArray ortInput = ortScope.create(FloatBuffer.wrap(batch), shape);
                    ortInput.setName(TensorNames.IMAGE);
                    NDList onnx = predictor.predict(new NDList(ortInput));
                    NDList torch = net.forward(store, new NDList(torchScope.create(FloatBuffer.wrap(batch), shape)), false);
                    for (int o = 0; o < OUTPUTS.size(); o++) {
                        String name = OUTPUTS.get(o);
                        NDArray fromOnnx = byName(onnx, name, o);
                        float[] expected = torch.get(o).toFloatArray();
                        float[] actual = fromOnnx.toFloatArray();
                        if (!fromOnnx.getShape().equals(torch.get(o).getShape())) {
                            throw new IllegalStateException("ONNX output " + name + " has shape " + fromOnnx.getShape()
                                    + ", the network's has " + torch.get(o).getShape());
                        }
                        worst.merge(name, maxAbsDiff(expected, actual), Math::max);
                    }
                }
            }
        } catch (ModelNotFoundException | MalformedModelException | TranslateException e) {
            throw new IOException("ONNX Runtime could not run " + onnxFile + ": " + e.getMessage(), e);
        }
        return new ParityResult(worst, inputs.size(), tolerance);
    }

    private static NDArray byName(NDList outputs, String name, int position) {
        for (NDArray array : outputs) {
            if (name.equals(array.getName())) {
                return array;
            }
        }
        return outputs.get(position);
    }

    public static double maxAbsDiff(float[] expected, float[] actual) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs((double) expected[i] - actual[i]);
            if (Double.isNaN(diff)) {
                return Double.NaN;
            }
            worst = Math.max(worst, diff);
        }
        return worst;
    }
}
