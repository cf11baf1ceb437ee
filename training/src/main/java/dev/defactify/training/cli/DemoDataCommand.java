package dev.defactify.training.cli;

import dev.defactify.training.data.demo.DemoDataGenerator;
import dev.defactify.training.data.demo.DemoDataReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo-data", mixinStandardHelpOptions = true,
        description = {"Generate a small labelled image set (procedural 'photos' plus five fingerprinted 'generators')",
            "in the layout the real loaders read: DIR/{train,val,test}/{real,sd21,sdxl,sd3,dalle3,midjourney6}/*.png",
            "plus DIR/manifest.csv. It exercises the pipeline without the real MS COCOAI data; it is not that data."})
final class DemoDataCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "Output folder (created; must be empty unless --overwrite).")
    Path out;

    @Option(names = "--per-class", defaultValue = "200",
            description = "Scenes per class over all splits, split 70/15/15 (default: ${DEFAULT-VALUE}).")
    int perClass;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--overwrite", description = "Replace the contents of a non-empty output folder.")
    boolean overwrite;

    @Override
    public Integer call() {
        DemoDataReport report = new DemoDataGenerator().generate(out, perClass, seed, overwrite);
        System.out.printf(Locale.ROOT, "wrote %d images (%d scenes x 6 classes) to %s in %.1f s%n", report.images(),
                report.scenes(), report.root(), report.elapsed().toMillis() / 1000.0);
        return 0;
    }
}
