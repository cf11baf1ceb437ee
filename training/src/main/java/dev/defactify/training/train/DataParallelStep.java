package dev.defactify.training.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One optimisation step of data-parallel training, the way DJL's {@code EasyTrain.trainBatch} does it: the batch is
 * split along dim 0 into one slice per device ({@link BatchSplit}); each slice runs forward and backward on its device
 * against that device's copy of the parameters, all inside one gradient collector; then {@code trainer.step()} lets
 * DJL's parameter server add the copies' gradients on device 0 and call the optimizer once per copy.
 *
 * <p>Each slice's mean loss is scaled by {@code slice size / batch size}, so the summed gradient is the gradient of
 * the whole batch's mean loss, as on one device. Batch norm is the exception: every replica normalises with its own
 * slice's statistics and moves its own running statistics (as PyTorch's {@code DataParallel} does). Replica 0 is the
 * model's own parameter arrays (the model lives on device 0, which the trainer mirrors first), so the running
 * statistics that checkpoints and model.safetensors save, and that validation uses, are those device 0's slices
 * produced; the other replicas' running statistics are never read while batch norm runs in training mode.
 *
 * <p>A frozen backbone ({@code DeFactifyNet.setBackboneTrainable(false)}) is frozen through DJL's
 * {@code Parameter.freeze}, which reaches the parameters but not the trainer's mirrors of them: the other devices
 * still compute backbone gradients during frozen epochs. The parameter server skips frozen parameters and the next
 * step zeroes those gradients, so the result is the same; only the time is wasted.
 */
public final class DataParallelStep {
    private final Trainer trainer;
    private final NDManager parameters;
    private final JointLoss loss;
    private final float binaryLossWeight;
    private final float sourceLossWeight;
    private final List<Device> devices;

    /** The batch's mean losses: the joint loss and its two unweighted parts. */
    public record Losses(double binary, double source, double total) {
    }

    /**
     * @param parameters the manager under which the model's parameters and the trainer's mirrors of them live
     *                   ({@code model.getNDManager()}: the trainer's manager, which holds the mirrors, is its child)
     */
    public DataParallelStep(Trainer trainer, NDManager parameters, JointLoss loss, float binaryLossWeight,
                            float sourceLossWeight) {
        this(trainer, parameters, loss, binaryLossWeight, sourceLossWeight, Arrays.asList(trainer.getDevices()));
    }

    /**
     * Slices go to {@code devices} rather than the trainer's own list: tests pass the one CPU several times to run
     * several slices against one parameter copy, which adds their gradients exactly as the parameter server would.
     */
    DataParallelStep(Trainer trainer, NDManager parameters, JointLoss loss, float binaryLossWeight,
                     float sourceLossWeight, List<Device> devices) {
        this.trainer = trainer;
        this.parameters = parameters;
        this.loss = loss;
        this.binaryLossWeight = binaryLossWeight;
        this.sourceLossWeight = sourceLossWeight;
        this.devices = List.copyOf(devices);
    }

    /** Forward and backward over every slice; the caller then runs {@code trainer.step()}. */
    public Losses gradients(PreparedBatch batch) {
        zeroGradients(parameters);
        List<BatchSplit.Slice> slices = BatchSplit.of(batch.size(), devices);
        try (NDManager scope = trainer.getManager().newSubManager()) {
            List<NDArray[]> sliceLosses = new ArrayList<>(slices.size());
            try (GradientCollector collector = trainer.newGradientCollector()) {
                for (BatchSplit.Slice slice : slices) {
                    // the slice is created on its own device: no detour through device 0
                    NDManager onDevice = scope.newSubManager(slice.device());
                    PreparedBatch part = slices.size() == 1 ? batch : batch.slice(slice.from(), slice.to());
                    NDArray input = onDevice.create(FloatBuffer.wrap(part.pixels()),
                            new Shape(part.size(), 3, part.side(), part.side()));
                    NDList labels = new NDList(onDevice.create(part.taskA(), new Shape(part.size(), 1)),
                            onDevice.create(part.source()));
                    NDList predictions = trainer.forward(new NDList(input));
                    NDArray binary = loss.binaryLoss(labels, predictions);
                    NDArray source = loss.sourceLoss(labels, predictions);
                    NDArray joint = binary.mul(binaryLossWeight).add(source.mul(sourceLossWeight));
                    collector.backward(joint.mul(slice.weight()));
                    sliceLosses.add(new NDArray[] {binary, source, joint});
                }
            }
            // read back only after every slice is queued, so one device's read does not hold up the next's work
            double binary = 0;
            double source = 0;
            double total = 0;
            for (int i = 0; i < slices.size(); i++) {
                float weight = slices.get(i).weight();
                binary += weight * (double) sliceLosses.get(i)[0].getFloat();
                source += weight * (double) sliceLosses.get(i)[1].getFloat();
                total += weight * (double) sliceLosses.get(i)[2].getFloat();
            }
            return new Losses(binary, source, total);
        }
    }

    /**
     * Zeroes the gradient of every array under {@code manager}: the parameters and each device's mirror of them.
     * PyTorch adds every backward pass into {@code .grad} and neither DJL's trainer nor its parameter server resets
     * it; zeroing only the network's own parameter arrays (replica 0) would leave the mirrors on the other devices
     * adding every step's gradient to the last. The trainer keeps its mirrors private; they are
     * attached to its manager, a child of the model's. DJL's own {@code GradientCollector.zeroGradients} walks the
     * whole engine instead and leaves two unclosed gradient handles per array on every call.
     */
    static void zeroGradients(NDManager manager) {
        for (NDArray array : manager.getManagedArrays()) {
            if (!array.isReleased() && array.hasGradient()) {
                try (NDArray gradient = array.getGradient()) {
                    gradient.subi(gradient);
                }
            }
        }
    }
}
