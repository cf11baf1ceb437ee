package dev.defactify.training.cli;

import dev.defactify.contract.image.ResizePolicy;
import dev.defactify.training.data.Datasets;
import dev.defactify.training.progress.ProgressReporter;
import dev.defactify.training.train.ClassBalance;
import dev.defactify.training.train.OptimizerKind;
import dev.defactify.training.train.RunDirectory;
import dev.defactify.training.train.RunRecord;
import dev.defactify.training.train.TrainingConfig;
import dev.defactify.training.train.TrainingRun;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train DeFactifyNet on the joint loss (binary BCE + 6-way cross-entropy) and keep the epoch "
                + "with the best validation macro-F1 in RUN/model.safetensors.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "Dataset folder (image folders, manifest.csv or parquet "
            + "shards), or s3://bucket/prefix/ of parquet shards (copied once into ~/.cache/defactify/datasets).")
    String data;

    @Option(names = "--arch", defaultValue = "small", description = "small | resnet50 (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--epochs", required = true, description = "Number of epochs.")
    int epochs;

    @Option(names = "--out", required = true, description = "Run folder (weights, checkpoints, run.json).")
    Path out;

    @Option(names = "--batch-size", defaultValue = "32", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--optimizer", defaultValue = "adamw", description = "adamw | sgd (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.001", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--backbone-lr-factor",
            description = "Backbone rate = lr x factor (default: 0.1 with --pretrained, else 1).")
    Double backboneFactor;

    @Option(names = "--weight-decay", defaultValue = "0.05", description = "Decoupled weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
    float momentum;

    @Option(names = "--warmup-epochs", defaultValue = "1", description = "Linear warm-up length (default: ${DEFAULT-VALUE}).")
    double warmupEpochs;

    @Option(names = "--freeze-backbone-epochs", defaultValue = "0",
            description = "Train only the heads for the first K epochs (default: ${DEFAULT-VALUE}).")
    int freezeEpochs;

    @Option(names = "--binary-weight", defaultValue = "1", description = "Weight of the Task A loss (default: ${DEFAULT-VALUE}).")
    float binaryWeight;

    @Option(names = "--source-weight", defaultValue = "1", description = "Weight of the Task B loss (default: ${DEFAULT-VALUE}).")
    float sourceWeight;

    @Option(names = "--balance", defaultValue = "pos-weight",
            description = "Real:generated imbalance: pos-weight | sampler | none (default: ${DEFAULT-VALUE}).")
    String balance;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for every random source (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--input-size", defaultValue = "224", description = "Network input side (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(names = "--policy", defaultValue = "resize-shorter-then-center-crop",
            description = "resize-shorter-then-center-crop | center-crop (default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--pretrained", description = "torchvision-named safetensors file to start the backbone from.")
    Path pretrained;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu | gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--workers", description = "Image decoding threads (default: available processors).")
    Integer workers;

    @Option(names = "--no-cache", description = "Decode images every epoch instead of keeping tensors in memory.")
    boolean noCache;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in the run folder.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        double factor = backboneFactor != null ? backboneFactor : pretrained != null ? 0.1 : 1.0;
        // The run records the local folder: TrainingRun and a later 'evaluate' read that copy, not the bucket.
        Path local = Datasets.localFolder(data);
        TrainingConfig config = new TrainingConfig(local.toString(), arch, epochs, batchSize,
                OptimizerKind.parse(optimizer), learningRate, factor, weightDecay, momentum, warmupEpochs, 0.01,
                freezeEpochs, binaryWeight, sourceWeight, ClassBalance.parse(balance), seed, inputSize,
                ResizePolicy.ofSlug(policy).slug(), pretrained == null ? null : pretrained.toString(), device,
                workers != null ? workers : Runtime.getRuntime().availableProcessors(), !noCache);
        RunRecord record = new TrainingRun(config, new RunDirectory(out), ProgressReporter.automatic(), System.out,
                Clock.systemUTC()).execute(resume);
        System.out.printf("trained %s for %d epochs in %.0f s; chose epoch %d; weights in %s%n", arch,
                record.history().size(), record.trainingSeconds(), record.bestEpoch(),
                new RunDirectory(out).modelWeights());
        return 0;
    }
}
