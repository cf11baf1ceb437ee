package dev.defactify.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.defactify.training.evaluation.Prediction;
import dev.defactify.training.model.DeFactifyNet;
import dev.defactify.training.progress.ProgressReporter;
import dev.defactify.training.progress.Progress;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/** Runs the network in inference mode over a set of images: predictions plus the mean unweighted losses. */
public final class Evaluation {

    /** @param binaryLoss mean BCE; {@code sourceLoss} mean cross-entropy; both unweighted */
    public record Result(List<Prediction> predictions, double binaryLoss, double sourceLoss, double seconds) {
        public double imagesPerSecond() {
            return seconds > 0 ? predictions.size() / seconds : 0;
        }
    }

    private Evaluation() {
    }

    /** Over every image of the loader: one that cannot be decoded ends the evaluation. */
    public static Result run(DeFactifyNet net, NDManager manager, BatchLoader loader, int batchSize,
                             ProgressReporter progress, String taskName) {
        return run(net, manager, loader, batchSize, progress, taskName, null);
    }

    /**
     * As {@link #run(DeFactifyNet, NDManager, BatchLoader, int, ProgressReporter, String)}, but images that cannot
     * be decoded are left out and handed to {@code onSkip} (see {@link BatchLoader#batches(int[], int, int,
     * Consumer)}); null keeps the strict behaviour.
     */
    public static Result run(DeFactifyNet net, NDManager manager, BatchLoader loader, int batchSize,
                             ProgressReporter progress, String taskName, Consumer<BatchLoader.SkippedImage> onSkip) {
        long started = System.nanoTime();
        List<Prediction> predictions = new ArrayList<>(loader.size());
        double binary = 0;
        double source = 0;
        int[] order = IntStream.range(0, loader.size()).toArray();
        ParameterStore store = new ParameterStore(manager, false);
        try (Progress task = progress.start(taskName, loader.size(), "images")) {
            Iterator<PreparedBatch> batches = onSkip == null ? loader.batches(order, batchSize)
                    : loader.batches(order, batchSize, 0, skipped -> {
                        onSkip.accept(skipped);
                        task.step(1);
                    });
            while (batches.hasNext()) {
                PreparedBatch batch = batches.next();
                try (NDManager scope = manager.newSubManager()) {
                    NDArray input = scope.create(FloatBuffer.wrap(batch.pixels()),
                            new Shape(batch.size(), 3, batch.side(), batch.side()));
                    NDList out = net.forward(store, new NDList(input), false);
                    float[] aiLogits = out.get(0).toFloatArray();
                    float[] sourceLogits = out.get(1).toFloatArray();
                    predictions.addAll(NetworkOutputs.predictions(batch, aiLogits, sourceLogits));
                    binary += NetworkOutputs.binaryLossSum(batch, aiLogits);
                    source += NetworkOutputs.sourceLossSum(batch, sourceLogits);
                }
                task.step(batch.size(), Map.of());
            }
        }
        int n = Math.max(1, predictions.size());
        return new Result(predictions, binary / n, source / n, (System.nanoTime() - started) / 1e9);
    }
}
