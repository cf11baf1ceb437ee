package dev.defactify.training.export;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.defactify.contract.image.InputSpec;
import dev.defactify.contract.manifest.Training;
import dev.defactify.training.model.Architecture;
import dev.defactify.training.model.DeFactifyNet;
import dev.defactify.training.model.InitialWeights;
import dev.defactify.training.model.RandomBatchNorm;
import dev.defactify.training.train.GitCommit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DeFactifyNet that never saw data, for exporting a real ONNX file without a training run: serving's tests and
 * benchmark need the exact graph the exporter writes, not its predictions. Everything is drawn from one seed, so the
 * same seed always yields the same {@code model.onnx}.
 */
public final class UntrainedModel implements AutoCloseable {
    /** What the manifest records as the dataset, so nobody mistakes the model for a trained one. */
    public static final String DATASET = "untrained";

    private final Architecture architecture;
    private final long seed;
    private final InputSpec input;
    private final NDManager manager;
    private final DeFactifyNet net;

    private UntrainedModel(Architecture architecture, long seed, InputSpec input, NDManager manager, DeFactifyNet net) {
        this.architecture = architecture;
        this.seed = seed;
        this.input = input;
        this.manager = manager;
        this.net = net;
    }

    /**
     * The network a training run from scratch with this seed would start from, with seeded batch-norm statistics so
     * that the exported normalisation is not a no-op.
     */
    public static UntrainedModel create(Architecture architecture, long seed, InputSpec input) {
        if (input.size() < architecture.outputStride()) {
            throw new IllegalArgumentException("--size must be at least " + architecture.outputStride()
                    + " (the network's output stride), got " + input.size());
        }
        NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try {
            DeFactifyNet net = InitialWeights.untrained(architecture, seed, manager, input.size());
            RandomBatchNorm.apply(net, seed);
            return new UntrainedModel(architecture, seed, input, manager, net);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public DeFactifyNet net() {
        return net;
    }

    /** No dataset and no metrics: zero epochs on {@value #DATASET} data, checked on random tensors only. */
    public ExportSubject subject() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", architecture.name());
        config.put("inputSize", input.size());
        config.put("policy", input.policy().slug());
        config.put("seed", seed);
        return new ExportSubject(net, manager, architecture.name(), input, null,
                new Training(seed, 0, DATASET, GitCommit.describe(), config), Map.of());
    }

    @Override
    public void close() {
        manager.close();
    }
}
