package dev.defactify.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.defactify.training.weights.NamedTensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

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
        List<String> problems = shapeProblems(net, tensors, name -> true);
        tensors.keySet().stream().filter(name -> !named.containsKey(name) && !name.contains("/"))
                .forEach(name -> problems.add("unexpected tensor " + name));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + " does not fit a " + net.architecture().name()
                    + " DeFactifyNet: " + summarise(problems));
        }
        named.forEach((name, parameter) -> assign(parameter, tensors.get(name)));
    }

    /** Missing or misshapen tensors among the parameters {@code wanted} selects, one line each. */
    static List<String> shapeProblems(DeFactifyNet net, Map<String, NamedTensor> tensors, Predicate<String> wanted) {
        List<String> problems = new ArrayList<>();
        net.namedParameters().forEach((name, parameter) -> {
            if (!wanted.test(name)) {
                return;
            }
            NamedTensor tensor = tensors.get(name);
            long[] expected = parameter.getArray().getShape().getShape();
            if (tensor == null) {
                problems.add("missing " + name + " " + Arrays.toString(expected));
            } else if (!Arrays.equals(expected, tensor.shape())) {
                problems.add(name + " is " + Arrays.toString(tensor.shape()) + " in the file but "
                        + Arrays.toString(expected) + " in a " + net.architecture().name() + " network");
            }
        });
        return problems;
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
