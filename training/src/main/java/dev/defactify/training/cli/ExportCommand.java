package dev.defactify.training.cli;

import dev.defactify.contract.image.InputSpec;
import dev.defactify.contract.image.ResizePolicy;
import dev.defactify.training.export.ExportResult;
import dev.defactify.training.export.ManifestFactory;
import dev.defactify.training.export.ModelExport;
import dev.defactify.training.export.UntrainedModel;
import dev.defactify.training.model.Architecture;
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
            "Its predictions mean nothing: it is for serving tests and benchmarks."})
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
        ModelExport export = new ModelExport(System.out, randomSamples, imageSamples);
        ManifestFactory manifests = new ManifestFactory(Clock.systemUTC());
        ExportResult result = source.run != null ? exportRun(export, manifests) : exportUntrained(export, manifests);
        System.out.printf("exported %s version %s (sha256 %s)%n", result.onnx(), result.manifest().version(),
                result.manifest().sha256());
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
