package dev.defactify.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.defactify.training.weights.NamedTensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Moves DeFactifyNet's parameters to and from plain named tensors (checkpoints, safetensors, the exporter). */
public final class NetworkWeights {

    private NetworkWeights() {
    }

    /** A copy of every parameter, running statistics included, under its torchvision name. */
    public static List<NamedTensor> snapshot(DeFactifyNet net) {
        List<NamedTensor> tensors = new ArrayList<>();
        net.namedParameters().forEach((name, parameter) -> tensors.add(toTensor(name, parameter.getArray())));
        return tensors;
    }

    public static NamedTensor toTensor(String name, NDArray array) {
        return new NamedTensor(name, array.getShape().getShape(), array.toFloatArray());
    }

    /**
     * Overwrites the network's parameters in place. Every parameter must be present with the same shape; extra
     * tensors are refused too, since they mean the file was written for another architecture.
     */
    public static void load(DeFactifyNet net, Map<String, NamedTensor> tensors, String source) {
        Map<String, Parameter> named = net.namedParameters();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Parameter> entry : named.entrySet()) {
            NamedTensor tensor = tensors.get(entry.getKey());
            Shape expected = entry.getValue().getArray().getShape();
            if (tensor == null) {
                problems.add("missing " + entry.getKey());
            } else if (!Arrays.equals(expected.getShape(), tensor.shape())) {
                problems.add(entry.getKey() + " has shape " + Arrays.toString(tensor.shape()) + ", the network needs "
                        + expected);
            }
        }
        tensors.keySet().stream().filter(name -> !named.containsKey(name) && !name.contains("/"))
                .forEach(name -> problems.add("unexpected tensor " + name));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + " does not fit a " + net.architecture().name()
                    + " DeFactifyNet: " + summarise(problems));
        }
        named.forEach((name, parameter) -> assign(parameter, tensors.get(name)));
    }

    static void assign(Parameter parameter, NamedTensor tensor) {
        parameter.getArray().set(FloatBuffer.wrap(tensor.values()));
    }

    static String summarise(List<String> problems) {
        int shown = Math.min(problems.size(), 8);
        String head = String.join("; ", problems.subList(0, shown));
        return problems.size() > shown ? head + "; … and " + (problems.size() - shown) + " more" : head;
    }
}
