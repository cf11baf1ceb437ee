package dev.defactify.training.model;

import ai.djl.nn.Parameter;
import dev.defactify.training.weights.NamedTensor;
import dev.defactify.training.weights.TensorFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Imports ImageNet-pretrained backbone weights from a safetensors file with torchvision parameter names (as
 * published on the Hugging Face hub, e.g. {@code timm/resnet50.tv_in1k}). The 1000-way {@code fc} classifier and
 * {@code num_batches_tracked} counters have no place in DeFactifyNet and are skipped; the two heads keep their
 * fresh initialisation.
 */
public final class PretrainedWeights {

    /** What an import did, for the training log. */
    public record ImportReport(int imported, List<String> skipped) {
        @Override
        public String toString() {
            return "imported " + imported + " backbone tensors" + (skipped.isEmpty() ? "" : ", skipped " + skipped);
        }
    }

    private PretrainedWeights() {
    }

    public static ImportReport importInto(DeFactifyNet net, TensorFile file) {
        Map<String, NamedTensor> tensors = file.tensors();
        Map<String, Parameter> named = net.namedParameters();
        List<String> problems = NetworkWeights.shapeProblems(net, tensors, DeFactifyNet::isBackboneParameter);
        List<String> skipped = new ArrayList<>();
        for (String name : tensors.keySet()) {
            if (name.startsWith("fc.")) {
                skipped.add(name);
            } else if (!named.containsKey(name) && !name.endsWith("num_batches_tracked")) {
                problems.add("unexpected tensor " + name);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("pretrained weights do not fit DeFactifyNet/" + net.architecture().name()
                    + " (torchvision names expected): " + NetworkWeights.summarise(problems));
        }
        int imported = 0;
        for (Map.Entry<String, Parameter> entry : named.entrySet()) {
            if (DeFactifyNet.isBackboneParameter(entry.getKey())) {
                NetworkWeights.assign(entry.getValue(), tensors.get(entry.getKey()));
                imported++;
            }
        }
        return new ImportReport(imported, List.copyOf(skipped));
    }
}
