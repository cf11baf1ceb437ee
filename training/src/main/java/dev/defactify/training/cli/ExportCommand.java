package dev.defactify.training.cli;

import dev.defactify.training.export.ExportResult;
import dev.defactify.training.export.ManifestFactory;
import dev.defactify.training.export.ModelExport;
import dev.defactify.training.train.TrainedRun;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a trained run to MODELDIR/model.onnx, check with ONNX Runtime that the file reproduces",
            "the trained network (max |diff| <= 1e-4 small, 1e-3 resnet50), then write MODELDIR/manifest.json.",
            "A failed check exits non-zero and writes no manifest."})
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--run", required = true, description = "Run folder written by 'train'.")
    Path run;

    @Option(names = "--out", required = true, description = "Model folder to write.")
    Path out;

    @Option(names = "--random-samples", defaultValue = "8",
            description = "Random tensors in the parity check (default: ${DEFAULT-VALUE}).")
    int randomSamples;

    @Option(names = "--image-samples", defaultValue = "12",
            description = "Dataset images in the parity check (default: ${DEFAULT-VALUE}).")
    int imageSamples;

    @Override
    public Integer call() throws Exception {
        try (TrainedRun trained = TrainedRun.open(run)) {
            ExportResult result = new ModelExport(System.out, randomSamples, imageSamples)
                    .export(trained, out, new ManifestFactory(Clock.systemUTC()));
            System.out.printf("exported %s version %s (sha256 %s)%n", result.onnx(), result.manifest().version(),
                    result.manifest().sha256());
        }
        return 0;
    }
}
