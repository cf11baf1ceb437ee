package dev.defactify.training.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.TreeMap;

/**
 * The contents of a safetensors file.
 *
 * @param tensors  by name, in the order the file's header lists them
 * @param metadata the free-form {@code __metadata__} strings; empty when the file has none
 */
public record TensorFile(SequencedMap<String, NamedTensor> tensors, Map<String, String> metadata) {

    public TensorFile {
        tensors.forEach((name, tensor) -> {
            if (!name.equals(tensor.name())) {
                throw new IllegalArgumentException("key '" + name + "' holds tensor '" + tensor.name() + "'");
            }
        });
        tensors = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(tensors));
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
    }

    public NamedTensor tensor(String name) {
        NamedTensor tensor = tensors.get(Objects.requireNonNull(name, "name"));
        if (tensor == null) {
            throw new NoSuchElementException("no tensor named '" + name + "'");
        }
        return tensor;
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** Total float count; 25.6 million for a torchvision ResNet-50 with its batch-norm statistics. */
    public long elementCount() {
        return tensors.values().stream().mapToLong(NamedTensor::elementCount).sum();
    }
}
