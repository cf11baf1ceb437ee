package dev.defactify.training.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.contract.image.ImageLimits;
import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.contract.image.InputSpec;
import dev.defactify.training.model.DeFactifyNet;
import dev.defactify.training.model.NetworkWeights;
import dev.defactify.training.weights.SafetensorsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A finished (or interrupted) run loaded for inference on the CPU: its record and the chosen weights. */
public final class TrainedRun implements AutoCloseable {
    private final RunDirectory directory;
    private final RunRecord record;
    private final NDManager manager;
    private final DeFactifyNet net;

    private TrainedRun(RunDirectory directory, RunRecord record, NDManager manager, DeFactifyNet net) {
        this.directory = directory;
        this.record = record;
        this.manager = manager;
        this.net = net;
    }

    public static TrainedRun open(Path root) throws IOException {
        RunDirectory directory = new RunDirectory(root);
        if (!Files.isRegularFile(directory.runFile()) || !Files.isRegularFile(directory.modelWeights())) {
            throw new IllegalArgumentException(root + " is not a finished training run (needs run.json and "
                    + "model.safetensors; run 'train' first)");
        }
        RunRecord record = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(directory.runFile().toFile(), RunRecord.class);
        NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try {
            DeFactifyNet net = new DeFactifyNet(record.config().architectureSpec());
            int side = record.config().inputSize();
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, side, side));
            NetworkWeights.load(net, new SafetensorsReader().read(directory.modelWeights()).tensors(),
                    directory.modelWeights().toString());
            return new TrainedRun(directory, record, manager, net);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    public RunDirectory directory() {
        return directory;
    }

    public RunRecord record() {
        return record;
    }

    public DeFactifyNet net() {
        return net;
    }

    public NDManager manager() {
        return manager;
    }

    public InputSpec inputSpec() {
        return InputSpec.imagenet(record.config().inputSize(), record.config().resizePolicy());
    }

    /** The preprocessing the run was trained with: the same code serving runs. */
    public ImagePreprocessor preprocessor() {
        return new ImagePreprocessor(inputSpec(), ImageLimits.defaults());
    }

    @Override
    public void close() {
        manager.close();
    }
}
