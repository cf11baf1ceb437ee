package dev.defactify.training.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.defactify.contract.image.ImageLimits;
import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.contract.image.InputSpec;
import dev.defactify.contract.label.SourceLabel;
import dev.defactify.training.data.ClassCounts;
import dev.defactify.training.data.Datasets;
import dev.defactify.training.data.ImageDataset;
import dev.defactify.training.data.LabelledImage;
import dev.defactify.training.data.Split;
import dev.defactify.training.evaluation.EpochRecord;
import dev.defactify.training.evaluation.TaskAMetrics;
import dev.defactify.training.evaluation.TaskBMetrics;
import dev.defactify.training.model.DeFactifyNet;
import dev.defactify.training.model.InitialWeights;
import dev.defactify.training.model.NetworkWeights;
import dev.defactify.training.model.PretrainedWeights;
import dev.defactify.training.progress.ProgressReporter;
import dev.defactify.training.progress.Progress;
import dev.defactify.training.weights.NamedTensor;
import dev.defactify.training.weights.SafetensorsReader;
import dev.defactify.training.weights.SafetensorsWriter;
import dev.defactify.training.weights.TensorFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * One training run of DeFactifyNet on the joint loss: data → network → per-epoch validation → checkpoints →
 * the chosen weights. Every random source is seeded from the config (weight init through the engine, the epoch
 * order through {@link EpochOrder}), so the same config on the same data gives the same metrics.
 *
 * <p>Images that do not decode: opening the dataset decodes every image once and leaves out those that fail, so they
 * are not in the list the seeded order permutes. The same data always gives the same order, but fixing or removing
 * a broken file changes it, as adding any file would. An image that stops decoding after that (its file changed on
 * disk) is skipped where the order reaches it: the order is not redrawn, every other image keeps its batch and step,
 * and only the batch that lost it is smaller. It is tried again, and counted again, every epoch. Up to
 * {@link TrainingConfig#maxSkippedShare()} of a pass may be skipped; one more stops the run ({@link SkippedImages}).
 */
public final class TrainingRun {
    private final TrainingConfig config;
    private final RunDirectory run;
    private final ProgressReporter progress;
    private final PrintStream log;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public TrainingRun(TrainingConfig config, RunDirectory run, ProgressReporter progress, PrintStream log, Clock clock) {
        this.config = config;
        this.run = run;
        this.progress = progress;
        this.log = log;
        this.clock = clock;
    }

    /** Trains from scratch (or from pretrained weights), or continues from the newest checkpoint when resuming. */
    public RunRecord execute(boolean resume) throws IOException {
        guardRunDirectory(resume);
        ImageDataset dataset = Datasets.open(Path.of(config.data()));
        List<LabelledImage> train = dataset.images(Split.TRAIN);
        List<LabelledImage> validation = dataset.images(Split.VAL);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("dataset " + dataset.describe() + " has no training images");
        }
        ClassCounts counts = dataset.counts();
        long real = train.stream().filter(image -> !image.label().isGenerated()).count();
        long generated = train.size() - real;
        boolean weighted = config.balance() == ClassBalance.POS_WEIGHT && real > 0 && generated > 0;
        float realWeight = weighted ? (float) train.size() / (2 * real) : 1f;
        float generatedWeight = weighted ? (float) train.size() / (2 * generated) : 1f;
        float positiveWeight = generatedWeight / realWeight;
        List<Device> devices = DeviceChoice.resolve(config.device(), config.gpus());
        BatchSplit.requireCovers(config.batchSize(), devices);
        noteDeviceChange(resume, devices);
        log.printf(Locale.ROOT, "dataset  %s%n", dataset.describe());
        log.printf(Locale.ROOT, "train    %d images (%d real, %d generated), validation %d images%n",
                train.size(), real, generated, validation.size());
        log.printf(Locale.ROOT, "device   %s (engine %s %s%s)%n", BatchSplit.describe(devices),
                Engine.getInstance().getEngineName(), Engine.getInstance().getVersion(), devices.size() > 1
                        ? String.format(Locale.ROOT, ", data-parallel: each batch of %d split across %d devices",
                        config.batchSize(), devices.size()) : "");
        log.printf(Locale.ROOT, "balance  %s (real weight %.3f, generated weight %.3f)%n", config.balance(),
                realWeight, generatedWeight);
        log.printf(Locale.ROOT, "augment  %s (training batches only)%n", config.augmentation().name());
        Files.createDirectories(run.checkpoints());

        InitialWeights.seedEngine(config.seed());
        DeFactifyNet net = new DeFactifyNet(config.architectureSpec());
        Map<String, Parameter> named = net.namedParameters();
        int stepsPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
        long totalSteps = (long) stepsPerEpoch * config.epochs();
        LearningRateSchedule schedule = new LearningRateSchedule(config.learningRate(),
                Math.round(config.warmupEpochs() * stepsPerEpoch), totalSteps, config.finalRateFraction());
        DecoupledOptimizer optimizer = optimizer(named, schedule, devices);
        JointLoss loss = new JointLoss(config.binaryLossWeight(), config.sourceLossWeight(), realWeight,
                generatedWeight);
        InputSpec spec = InputSpec.imagenet(config.inputSize(), config.resizePolicy());
        ImagePreprocessor preprocessor = new ImagePreprocessor(spec, ImageLimits.defaults());

        // The model lives on device 0: the trainer then uses its parameter arrays as device 0's replica and mirrors
        // them onto the others, so what snapshots, checkpoints and validation read is the replica that trains.
        try (Model model = Model.newInstance("defactifynet", devices.get(0), "PyTorch")) {
            model.setBlock(net);
            DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(loss)
                    .optOptimizer(optimizer)
                    .optDevices(devices.toArray(Device[]::new))
                    .optInitializer(InitialWeights.weights(), Parameter.Type.WEIGHT);
            try (Trainer trainer = model.newTrainer(trainingConfig);
                 BatchLoader trainLoader = new BatchLoader(train, preprocessor,
                         config.transformFor(Split.TRAIN, preprocessor), config.workers(), config.cacheTensors());
                 BatchLoader validationLoader = new BatchLoader(validation, preprocessor,
                         config.transformFor(Split.VAL, preprocessor), config.workers(), config.cacheTensors())) {
                Shape inputShape = new Shape(config.batchSize(), 3, config.inputSize(), config.inputSize());
                // Starting weights go in before the trainer mirrors the parameters onto the other devices
                // (trainer.initialize): the mirrors are copies taken then, and nothing copies later changes over.
                net.initialize(model.getNDManager(), DataType.FLOAT32, inputShape);
                LoopState state = startingState(net, optimizer, trainer.getManager(), resume);
                trainer.initialize(inputShape);
                DataParallelStep step = new DataParallelStep(trainer, model.getNDManager(), loss,
                        config.binaryLossWeight(), config.sourceLossWeight());
                return loop(net, trainer, step, optimizer, trainLoader, validationLoader, state, stepsPerEpoch,
                        dataset, counts, devices, positiveWeight);
            }
        }
    }

    /**
     * A fresh run never overwrites another run's checkpoints, and a resumed run must have the configuration it was
     * started with; either mistake would silently mix two trainings.
     */
    private void guardRunDirectory(boolean resume) throws IOException {
        if (!resume && (run.latestCheckpoint().isPresent() || Files.exists(run.runFile()))) {
            throw new IllegalArgumentException(run.root() + " already holds a training run: pass --resume to continue "
                    + "it, or choose another --out");
        }
        if (resume && Files.exists(run.runFile())) {
            TrainingConfig recorded = json.readValue(run.runFile().toFile(), RunRecord.class).config();
            if (!recorded.computesSameAs(config)) {
                throw new IllegalArgumentException("cannot resume " + run.root() + " with a different configuration: "
                        + "it was started with " + recorded + ", now " + config);
            }
        }
    }

    /**
     * With {@code gpus: 0} ("all visible") a run can resume on a machine with another GPU count. That is allowed
     * (a replaced instance should not lose the run) but said, since batch norm then sees other slices than an
     * uninterrupted run would have.
     */
    private void noteDeviceChange(boolean resume, List<Device> devices) throws IOException {
        if (resume && Files.exists(run.runFile())) {
            String recorded = json.readValue(run.runFile().toFile(), RunRecord.class).device();
            String now = BatchSplit.describe(devices);
            if (recorded != null && !recorded.equals(now)) {
                log.printf(Locale.ROOT, "resume   note: trained so far on %s, continuing on %s; batch norm sees "
                        + "other per-device slices, so the run will not match an uninterrupted one exactly%n",
                        recorded, now);
            }
        }
    }

    private DecoupledOptimizer optimizer(Map<String, Parameter> named, LearningRateSchedule schedule,
                                         List<Device> devices) {
        Map<String, String> namesById = new LinkedHashMap<>();
        Set<String> backbone = new HashSet<>();
        Set<String> decayed = new HashSet<>();
        named.forEach((name, parameter) -> {
            namesById.put(parameter.getId(), name);
            if (DeFactifyNet.isBackboneParameter(name)) {
                backbone.add(name);
            }
            // Decay convolution and linear weights only: shrinking batch-norm scales or biases just fights the model.
            if (name.endsWith(".weight") && !name.contains(".bn") && !name.startsWith("bn1")
                    && !name.contains("downsample.1")) {
                decayed.add(name);
            }
        });
        return new DecoupledOptimizer(config.optimizer(), schedule, config.backboneRateFactor(), config.weightDecay(),
                config.momentum(), namesById, backbone, decayed, devices);
    }

    private LoopState startingState(DeFactifyNet net, DecoupledOptimizer optimizer, NDManager manager, boolean resume)
            throws IOException {
        if (resume) {
            var latest = run.latestCheckpoint();
            if (latest.isPresent()) {
                int epoch = latest.get();
                TensorFile checkpoint = new SafetensorsReader().read(run.checkpointWeights(epoch));
                NetworkWeights.load(net, checkpoint.tensors(), run.checkpointWeights(epoch).toString());
                Map<String, float[]> saved = new LinkedHashMap<>();
                Map<String, long[]> shapes = new LinkedHashMap<>();
                checkpoint.tensors().forEach((name, tensor) -> {
                    if (name.startsWith("optimizer/")) {
                        saved.put(name.substring("optimizer/".length()), tensor.values());
                        shapes.put(name.substring("optimizer/".length()), tensor.shape());
                    }
                });
                optimizer.restore(saved, shapes, manager);
                LoopState state = json.readValue(run.checkpointState(epoch).toFile(), LoopState.class);
                log.printf(Locale.ROOT, "resume   from epoch %d (step %d)%n", state.epoch(), state.step());
                return state;
            }
            log.println("resume   no checkpoint in " + run.root() + ": starting from the beginning");
        }
        if (config.pretrained() != null) {
            var report = PretrainedWeights.importInto(net, new SafetensorsReader().read(Path.of(config.pretrained())));
            log.println("weights  " + report);
            net.resetHeads();
        } else {
            InitialWeights.fromScratch(net);
        }
        return LoopState.fresh();
    }

    private RunRecord loop(DeFactifyNet net, Trainer trainer, DataParallelStep trainingStep,
                           DecoupledOptimizer optimizer, BatchLoader trainLoader, BatchLoader validationLoader,
                           LoopState state, int stepsPerEpoch, ImageDataset dataset, ClassCounts counts,
                           List<Device> devices, float positiveWeight)
            throws IOException {
        List<EpochRecord> history = new ArrayList<>(state.history());
        long step = state.step();
        int bestEpoch = state.bestEpoch();
        double bestScore = state.bestScore();
        double bestLoss = state.bestLoss();
        double trainingSeconds = state.trainingSeconds();
        EpochOrder order = new EpochOrder(trainLoader.images(), config.balance(), config.seed());
        EarlyStopping stopping = new EarlyStopping(config.earlyStopPatience());
        // a resumed run that had already stopped early stays stopped
        Integer stoppedAt = state.epoch() < config.epochs() && stopping.shouldStop(history) ? state.epoch() : null;
        for (int epoch = state.epoch() + 1; epoch <= config.epochs() && stoppedAt == null; epoch++) {
            boolean backboneTrainable = epoch > config.freezeBackboneEpochs();
            net.setBackboneTrainable(backboneTrainable);
            long started = System.nanoTime();
            double binarySum = 0;
            double sourceSum = 0;
            double totalSum = 0;
            int seen = 0;
            double rate = 0;
            String task = String.format(Locale.ROOT, "train epoch %d/%d%s", epoch, config.epochs(),
                    backboneTrainable ? "" : " (backbone frozen)");
            String epochName = String.format(Locale.ROOT, "epoch %d/%d", epoch, config.epochs());
            int[] visits = order.forEpoch(epoch);
            SkippedImages trainSkips = new SkippedImages("train " + epochName, "training images", visits.length,
                    config.maxSkippedShare());
            try (Progress bar = progress.start(task, trainLoader.size(), "images")) {
                // a skipped image still counts as visited, so the bar ends full rather than "stopped at"
                Iterator<PreparedBatch> batches = trainLoader.batches(visits, config.batchSize(), epoch, skipped -> {
                    trainSkips.accept(skipped);
                    bar.step(1);
                });
                while (batches.hasNext()) {
                    PreparedBatch batch = batches.next();
                    optimizer.setStep(step);
                    rate = optimizer.rateFor(DeFactifyNet.SOURCE_HEAD + ".weight");
                    DataParallelStep.Losses losses = trainingStep.gradients(batch);
                    trainer.step();
                    if (!Double.isFinite(losses.total())) {
                        throw new IllegalStateException("training diverged at step " + step + " (loss "
                                + losses.total() + "); lower the learning rate");
                    }
                    binarySum += losses.binary() * batch.size();
                    sourceSum += losses.source() * batch.size();
                    totalSum += losses.total() * batch.size();
                    seen += batch.size();
                    step++;
                    bar.step(batch.size(), Map.of("loss", String.format(Locale.ROOT, "%.4f", totalSum / seen)));
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            trainingSeconds += seconds;
            SkippedImages validationSkips = new SkippedImages("validate " + epochName, "validation images",
                    validationLoader.size(), config.maxSkippedShare());
            Evaluation.Result validation = Evaluation.run(net, trainer.getManager(), validationLoader,
                    config.batchSize(), progress, "validate " + epochName, validationSkips);
            for (SkippedImages skips : List.of(trainSkips, validationSkips)) {
                if (skips.count() > 0) {
                    log.printf(Locale.ROOT, "skipped  %s: %s%n", epochName, skips.summary());
                }
            }
            TaskAMetrics taskA = TaskAMetrics.evaluate(validation.predictions(), 0.5);
            TaskBMetrics taskB = TaskBMetrics.evaluate(validation.predictions());
            double validationLoss = config.binaryLossWeight() * validation.binaryLoss()
                    + config.sourceLossWeight() * validation.sourceLoss();
            EpochRecord record = new EpochRecord(epoch, totalSum / seen, binarySum / seen, sourceSum / seen,
                    validationLoss, validation.binaryLoss(), validation.sourceLoss(), taskA.accuracy(),
                    taskB.macroF1(), rate, seen / seconds, seconds, trainSkips.count() + validationSkips.count());
            history.add(record);
            log.printf(Locale.ROOT, "epoch %d/%d  train loss %.4f (A %.4f, B %.4f)  val loss %.4f  val A acc %.4f  "
                            + "val B macro-F1 %.4f  %.1f images/s%n", epoch, config.epochs(), record.trainLoss(),
                    record.trainBinaryLoss(), record.trainSourceLoss(), validationLoss, taskA.accuracy(),
                    taskB.macroF1(), record.imagesPerSecond());
            // choose on validation: macro-F1 first (the harder task), lower loss breaks ties
            double score = validation.predictions().isEmpty() ? epoch : taskB.macroF1();
            // one copy of the weights out of the engine serves both the chosen model and the checkpoint
            List<NamedTensor> weights = NetworkWeights.snapshot(net);
            Map<String, String> metadata = Map.of("architecture", net.architecture().name(),
                    "epoch", Integer.toString(epoch));
            if (score > bestScore || (score == bestScore && validationLoss < bestLoss)) {
                bestScore = score;
                bestLoss = validationLoss;
                bestEpoch = epoch;
                new SafetensorsWriter().write(run.modelWeights(), weights, metadata);
            }
            saveCheckpoint(weights, metadata, optimizer,
                    new LoopState(epoch, step, bestEpoch, bestScore, bestLoss, history, trainingSeconds));
            if (epoch < config.epochs() && stopping.shouldStop(history)) {
                stoppedAt = epoch;
                log.printf(Locale.ROOT, "stop     early after epoch %d: validation macro-F1 has not improved for %d "
                        + "epochs (best epoch %d)%n", epoch, config.earlyStopPatience(), bestEpoch);
            }
            writeRecord(dataset, counts, devices, positiveWeight, history, bestEpoch, trainingSeconds, stoppedAt);
        }
        return writeRecord(dataset, counts, devices, positiveWeight, history, bestEpoch, trainingSeconds, stoppedAt);
    }

    /** Weights first, loop state last: a checkpoint counts only once its state file exists. */
    private void saveCheckpoint(List<NamedTensor> weights, Map<String, String> metadata, DecoupledOptimizer optimizer,
                                LoopState state) throws IOException {
        List<NamedTensor> tensors = new ArrayList<>(weights);
        optimizer.state().forEach((name, array) -> tensors.add(NetworkWeights.toTensor("optimizer/" + name, array)));
        // SafetensorsWriter already writes through a temporary file and a rename
        new SafetensorsWriter().write(run.checkpointWeights(state.epoch()), tensors, metadata);
        RunDirectory.writeAtomically(run.checkpointState(state.epoch()), path -> json.writeValue(path.toFile(), state));
    }

    private RunRecord writeRecord(ImageDataset dataset, ClassCounts counts, List<Device> devices,
                                  float positiveWeight,
                                  List<EpochRecord> history, int bestEpoch, double seconds, Integer stoppedAt)
            throws IOException {
        RunRecord record = new RunRecord(config, dataset.describe(), countsBySplit(counts), BatchSplit.describe(devices),
                GitCommit.describe(), positiveWeight, history, bestEpoch, seconds, clock.instant().toString(),
                stoppedAt);
        RunDirectory.writeAtomically(run.runFile(), path -> json.writeValue(path.toFile(), record));
        return record;
    }

    static Map<String, Map<String, Integer>> countsBySplit(ClassCounts counts) {
        Map<String, Map<String, Integer>> bySplit = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            Map<String, Integer> byLabel = new LinkedHashMap<>();
            for (SourceLabel label : SourceLabel.inHeadOrder()) {
                byLabel.put(label.slug(), counts.count(split, label));
            }
            bySplit.put(split.folderName(), byLabel);
        }
        return bySplit;
    }
}
