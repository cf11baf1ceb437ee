package dev.defactify.training.cli;

import dev.defactify.contract.image.InputSpec;
import dev.defactify.contract.image.ResizePolicy;
import dev.defactify.training.export.ExportResult;
import dev.defactify.training.export.Int8Export;
import dev.defactify.training.export.ManifestFactory;
import dev.defactify.training.export.ModelExport;
import dev.defactify.training.export.UntrainedModel;
import dev.defactify.training.model.Architecture;
import dev.defactify.training.quantize.CalibrationMethod;
import dev.defactify.training.train.TrainedRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {
            "Export a trained run (--run) or a freshly initialised, untrained network",
            "(--untrained) to MODELDIR/model.onnx, check with ONNX Runtime that the file",
            "reproduces the network (max |diff| <= 1e-4 small, 1e-3 resnet50), then write",
            "MODELDIR/manifest.json. A failed check exits non-zero and writes no manifest.",
            "",
            "--untrained needs no training run or dataset: the same --architecture, --seed",
            "and --size always give a byte-identical model.onnx, checked on random tensors",
            "only; the manifest says training.epochs 0, training.dataset \"untrained\".",
            "Its predictions mean nothing: it is for serving tests and benchmarks.",
            "",
            "--int8 also writes MODELDIR/model-int8.onnx, statically quantised (QDQ: int8",
            "per-channel weights, uint8 activations, float heads) with activation ranges",
            "calibrated on training images, and scores both files on the test split. It is",
            "listed in the manifest only if it loses at most 0.5 points of Task A accuracy",
            "and Task B macro-F1 and changes at most 1% of verdicts; a refused INT8 file is",
            "deleted, the fp32 model and manifest are kept, and export exits with 3."})
final class ExportCommand implements Callable<Integer> {

    /** Exactly one of the two: picocli reports both or neither as a usage error (exit code 2). */
    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--out", required = true, description = "Model folder to write.")
    Path out;

    @Option(names = "--random-samples", defaultValue = "8",
            description = "Random tensors in the parity check (default: ${DEFAULT-VALUE}).")
    int randomSamples;

    @Option(names = "--image-samples", defaultValue = "12",
            description = "Dataset images in the parity check with --run (default: ${DEFAULT-VALUE}).")
    int imageSamples;

    @Option(names = "--int8", description = "Also write the INT8 model (see above).")
    boolean int8;

    @Option(names = "--int8-calibration", defaultValue = "percentile",
            description = "With --int8: minmax | percentile (99.999th) | percentile-P (default: ${DEFAULT-VALUE}).")
    String int8Calibration;

    @Option(names = "--calibration-images", defaultValue = "128",
            description = "With --int8: training images to calibrate on (default: ${DEFAULT-VALUE}).")
    int calibrationImages;

    @Option(names = "--int8-eval-images", defaultValue = "0",
            description = "With --int8: test images both files are scored on, 0 = all (default: ${DEFAULT-VALUE}).")
    int int8EvalImages;

    /** Exit code when the INT8 file was asked for and refused by its gate (the fp32 model is still exported). */
    static final int INT8_REFUSED = 3;

    static final class Source {
        @Option(names = "--run", required = true, description = "Run folder written by 'train'.")
        Path run;

        @ArgGroup(exclusive = false)
        Untrained untrained;
    }

    /** The options that only mean something with --untrained; picocli rejects them without it. */
    static final class Untrained {
        @Option(names = "--untrained", required = true,
                description = "Export a freshly initialised network instead of a trained run.")
        boolean untrained;

        @Option(names = "--architecture", required = true, description = "With --untrained: small | resnet50.")
        String architecture;

        @Option(names = "--seed", required = true,
                description = "With --untrained: seed for every initial weight and batch-norm statistic.")
        long seed;

        @Option(names = "--size", defaultValue = "224",
                description = "With --untrained: input side in pixels (default: ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--policy", defaultValue = "resize-shorter-then-center-crop",
                description = "With --untrained: resize-shorter-then-center-crop | center-crop "
                        + "(default: ${DEFAULT-VALUE}).")
        String policy;
    }

    @Override
    public Integer call() throws Exception {
        Int8Export.Options quantization = int8 ? new Int8Export.Options(
                CalibrationMethod.ofSlug(int8Calibration), calibrationImages, int8EvalImages) : null;
        ModelExport export = new ModelExport(System.out, randomSamples, imageSamples, quantization);
        ManifestFactory manifests = new ManifestFactory(Clock.systemUTC());
        ExportResult result = source.run != null ? exportRun(export, manifests) : exportUntrained(export, manifests);
        System.out.printf("exported %s version %s (sha256 %s)%n", result.onnx(), result.manifest().version(),
                result.manifest().sha256());
        if (result.int8() instanceof Int8Export.Accepted accepted) {
            System.out.printf("exported %s (sha256 %s)%n", result.onnx().resolveSibling(accepted.file().file()),
                    accepted.file().sha256());
        } else if (result.int8() instanceof Int8Export.Refused refused) {
            System.err.println("export: the INT8 model was refused: " + String.join("; ", refused.reasons()));
            return INT8_REFUSED;
        }
        return 0;
    }

    private ExportResult exportRun(ModelExport export, ManifestFactory manifests) throws IOException {
        try (TrainedRun trained = TrainedRun.open(source.run)) {
            return export.export(trained, out, manifests);
        }
    }

    private ExportResult exportUntrained(ModelExport export, ManifestFactory manifests) throws IOException {
        Untrained options = source.untrained;
        Architecture architecture = Architecture.named(options.architecture);
        InputSpec input = InputSpec.imagenet(options.size, ResizePolicy.ofSlug(options.policy));
        try (UntrainedModel untrained = UntrainedModel.create(architecture, options.seed, input)) {
            return export.export(untrained.subject(), out, manifests);
        }
    }
}
