package dev.defactify.training.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.defactify.training.augment.Range;
import dev.defactify.training.data.Datasets;
import dev.defactify.training.progress.ProgressReporter;
import dev.defactify.training.train.RunDirectory;
import dev.defactify.training.train.RunRecord;
import dev.defactify.training.train.TrainingConfig;
import dev.defactify.training.train.TrainingConfigFile;
import dev.defactify.training.train.TrainingRun;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train DeFactifyNet on the joint loss (binary BCE + 6-way cross-entropy) and keep the epoch "
                + "with the best validation macro-F1 in RUN/model.safetensors.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML or JSON file whose keys are the training config's fields (as in run.json's "
                    + "'config'); options given on the command line override it.")
    Path configFile;

    @Option(names = "--data", description = "Dataset folder (image folders, manifest.csv or parquet shards), or "
            + "s3://bucket/prefix/ of parquet shards (copied once into ~/.cache/defactify/datasets); required here or "
            + "in --config.")
    String data;

    @Option(names = "--arch", defaultValue = "small", description = "small | resnet50 (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--epochs", description = "Number of epochs; required here or in --config.")
    Integer epochs;

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

    @Option(names = "--device", defaultValue = "cpu",
            description = "cpu | gpu (default: ${DEFAULT-VALUE}). gpu trains data-parallel on every visible GPU "
                    + "(or --gpus of them): each batch is split across the GPUs and their gradients summed, so "
                    + "--batch-size stays the global batch; batch norm normalises per GPU slice. Refuses to run "
                    + "when no GPU is usable. No mixed precision (DJL's PyTorch engine has no autocast).")
    String device;

    @Option(names = "--gpus", defaultValue = "0", paramLabel = "N",
            description = "With --device gpu: train on GPUs 0..N-1; 0 = all the engine sees (default: ${DEFAULT-VALUE}).")
    int gpus;

    @Option(names = "--workers", description = "Image decoding threads (default: available processors).")
    Integer workers;

    @Option(names = "--no-cache", description = "Decode images every epoch instead of keeping tensors in memory.")
    boolean noCache;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in the run folder.")
    boolean resume;

    @Option(names = "--early-stop-patience", defaultValue = "0", paramLabel = "N",
            description = "Stop when validation macro-F1 has not improved for N epochs; 0 = off (default: ${DEFAULT-VALUE}).")
    int earlyStopPatience;

    @Option(names = "--max-skipped-share", defaultValue = "" + TrainingConfig.DEFAULT_MAX_SKIPPED_SHARE, paramLabel = "SHARE",
            description = "Share of one epoch's training (or validation) images that may fail to decode and be "
                    + "skipped before the run stops; the dataset is decoded once when prepared, so this covers files "
                    + "changed since (default: ${DEFAULT-VALUE}).")
    double maxSkippedShare;

    // Augmentation of training batches only (never validation, test or evaluation); all off by default.

    @Option(names = "--jpeg-prob", defaultValue = "0", paramLabel = "P",
            description = "Chance to re-compress a training image as JPEG (default: ${DEFAULT-VALUE}).")
    double jpegProb;

    @Option(names = "--jpeg-quality", defaultValue = "30,100", paramLabel = "MIN,MAX", converter = RangeConverter.class,
            description = "JPEG quality range, drawn uniformly (default: ${DEFAULT-VALUE}).")
    Range jpegQuality;

    @Option(names = "--blur-prob", defaultValue = "0", paramLabel = "P",
            description = "Chance to Gaussian-blur a training image (default: ${DEFAULT-VALUE}).")
    double blurProb;

    @Option(names = "--blur-sigma", defaultValue = "0,3", paramLabel = "MIN,MAX", converter = RangeConverter.class,
            description = "Blur sigma range in pixels (default: ${DEFAULT-VALUE}).")
    Range blurSigma;

    @Option(names = "--random-crop",
            description = "Crop a random square (area fraction from --crop-scale) instead of the centre crop.")
    boolean randomCrop;

    @Option(names = "--crop-scale", defaultValue = "0.5,1", paramLabel = "MIN,MAX", converter = RangeConverter.class,
            description = "Random crop area as a fraction of the largest square (default: ${DEFAULT-VALUE}).")
    Range cropScale;

    @Option(names = "--flip-prob", defaultValue = "0", paramLabel = "P",
            description = "Chance to mirror a training image left to right (default: ${DEFAULT-VALUE}).")
    double flipProb;

    @Option(names = "--resize-prob", defaultValue = "0", paramLabel = "P",
            description = "Chance to rescale a training image before cropping (default: ${DEFAULT-VALUE}).")
    double resizeProb;

    @Option(names = "--resize-scale", defaultValue = "0.5,1.5", paramLabel = "MIN,MAX", converter = RangeConverter.class,
            description = "Rescale factor range (default: ${DEFAULT-VALUE}).")
    Range resizeScale;

    /** Picocli's converter for {@code MIN,MAX} options. */
    static final class RangeConverter implements picocli.CommandLine.ITypeConverter<Range> {
        @Override
        public Range convert(String value) {
            return Range.parse(value);
        }
    }

    @Override
    public Integer call() throws Exception {
        TrainingConfig config = resolveConfig();
        RunRecord record = new TrainingRun(config, new RunDirectory(out), ProgressReporter.automatic(), System.out,
                Clock.systemUTC()).execute(resume);
        System.out.printf("trained %s for %d epochs in %.0f s; chose epoch %d; weights in %s%n", arch,
                record.history().size(), record.trainingSeconds(), record.bestEpoch(),
                new RunDirectory(out).modelWeights());
        if (record.stoppedEarlyAtEpoch() != null) {
            System.out.printf("stopped early after epoch %d (patience %d)%n", record.stoppedEarlyAtEpoch(),
                    config.earlyStopPatience());
        }
        return 0;
    }

    /**
     * The command line's defaults, then the --config file, then the options actually typed: the config recorded
     * in run.json (and the manifest) is this resolved one, whatever mix produced it.
     */
    TrainingConfig resolveConfig() throws java.io.IOException {
        TrainingConfigFile files = new TrainingConfigFile();
        ParseResult parsed = spec.commandLine().getParseResult();
        Map<String, Object> defaults = new LinkedHashMap<>();
        Map<String, Object> typed = new LinkedHashMap<>();
        Map<String, Object> augmentationDefaults = new LinkedHashMap<>();
        Map<String, Object> augmentationTyped = new LinkedHashMap<>();
        List<Setting> settings = List.of(
                new Setting("--data", "data", data),
                new Setting("--arch", "architecture", arch),
                new Setting("--epochs", "epochs", epochs),
                new Setting("--batch-size", "batchSize", batchSize),
                new Setting("--optimizer", "optimizer", optimizer),
                new Setting("--lr", "learningRate", learningRate),
                new Setting("--backbone-lr-factor", "backboneRateFactor", backboneFactor),
                new Setting("--weight-decay", "weightDecay", weightDecay),
                new Setting("--momentum", "momentum", momentum),
                new Setting("--warmup-epochs", "warmupEpochs", warmupEpochs),
                new Setting(null, "finalRateFraction", 0.01),
                new Setting("--freeze-backbone-epochs", "freezeBackboneEpochs", freezeEpochs),
                new Setting("--binary-weight", "binaryLossWeight", binaryWeight),
                new Setting("--source-weight", "sourceLossWeight", sourceWeight),
                new Setting("--balance", "balance", balance),
                new Setting("--seed", "seed", seed),
                new Setting("--input-size", "inputSize", inputSize),
                new Setting("--policy", "policy", policy),
                new Setting("--pretrained", "pretrained", pretrained == null ? null : pretrained.toString()),
                new Setting("--device", "device", device),
                new Setting("--gpus", "gpus", gpus),
                new Setting("--workers", "workers", workers != null ? workers : Runtime.getRuntime().availableProcessors()),
                new Setting("--no-cache", "cacheTensors", !noCache),
                new Setting("--early-stop-patience", "earlyStopPatience", earlyStopPatience),
                new Setting("--max-skipped-share", "maxSkippedShare", maxSkippedShare));
        for (Setting setting : settings) {
            put(setting, parsed, defaults, typed);
        }
        List<Setting> augmentation = List.of(
                new Setting("--jpeg-prob", "jpegProb", jpegProb),
                new Setting("--jpeg-quality", "jpegQuality", jpegQuality),
                new Setting("--blur-prob", "blurProb", blurProb),
                new Setting("--blur-sigma", "blurSigma", blurSigma),
                new Setting("--random-crop", "randomCrop", randomCrop),
                new Setting("--crop-scale", "cropScale", cropScale),
                new Setting("--flip-prob", "flipProb", flipProb),
                new Setting("--resize-prob", "resizeProb", resizeProb),
                new Setting("--resize-scale", "resizeScale", resizeScale));
        for (Setting setting : augmentation) {
            put(setting, parsed, augmentationDefaults, augmentationTyped);
        }
        defaults.put("augmentation", augmentationDefaults);
        if (!augmentationTyped.isEmpty()) {
            typed.put("augmentation", augmentationTyped);
        }
        List<ObjectNode> layers = new ArrayList<>();
        layers.add(files.tree(defaults));
        if (configFile != null) {
            layers.add(files.read(configFile));
        }
        layers.add(files.tree(typed));
        ObjectNode merged = files.merge(layers);
        // the backbone's own rate defaults by whether the run starts pretrained, wherever that was said
        if (!merged.hasNonNull("backboneRateFactor")) {
            merged.put("backboneRateFactor", merged.hasNonNull("pretrained") ? 0.1 : 1.0);
        }
        // The run records the local folder: TrainingRun and a later 'evaluate' read that copy, not the bucket.
        if (merged.hasNonNull("data")) {
            merged.put("data", Datasets.localFolder(merged.get("data").asText()).toString());
        }
        return files.toConfig(merged);
    }

    /** One option and the config field it sets; {@code option} null for a field only a config file can set. */
    private record Setting(String option, String field, Object value) {
    }

    private static void put(Setting setting, ParseResult parsed, Map<String, Object> defaults,
                            Map<String, Object> typed) {
        if (setting.value() == null) {
            return;
        }
        if (setting.option() != null && parsed.hasMatchedOption(setting.option())) {
            typed.put(setting.field(), setting.value());
        } else {
            defaults.put(setting.field(), setting.value());
        }
    }
}
