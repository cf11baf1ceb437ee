package dev.defactify.training.export;

import dev.defactify.contract.image.ImageLimits;
import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.contract.manifest.ModelFile;
import dev.defactify.contract.util.Sha256;
import dev.defactify.training.data.Datasets;
import dev.defactify.training.data.ImageDataset;
import dev.defactify.training.data.LabelledImage;
import dev.defactify.training.data.Split;
import dev.defactify.training.train.TrainedRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code export}: a network (trained, or freshly initialised) → {@code model.onnx}, proven equal to the network by a
 * parity check on random tensors and, when there is a dataset, real images, then {@code manifest.json}. A failed check leaves no manifest, so nothing downstream
 * can mistake the file for a usable model.
 */
public final class ModelExport {
    /** Float summation order differs between engines; deeper networks accumulate more of it. */
    public static double toleranceFor(String architecture) {
        return "resnet50".equals(architecture) ? 1e-3 : 1e-4;
    }

    private final PrintStream log;
    private final int randomSamples;
    private final int imageSamples;
    private final Double tolerance;
    private final Int8Export int8;

    public ModelExport(PrintStream log, int randomSamples, int imageSamples) {
        this(log, randomSamples, imageSamples, null, null);
    }

    /** Also writes {@code model-int8.onnx} with these options (null: fp32 only). */
    public ModelExport(PrintStream log, int randomSamples, int imageSamples, Int8Export.Options int8) {
        this(log, randomSamples, imageSamples, null, int8 == null ? null : new Int8Export(int8, log));
    }

    /**
     * @param tolerance the largest accepted |ONNX − DJL|, or null for {@link #toleranceFor the architecture's}
     * @param int8      the INT8 step, or null for fp32 only
     */
    ModelExport(PrintStream log, int randomSamples, int imageSamples, Double tolerance, Int8Export int8) {
        this.log = log;
        this.randomSamples = randomSamples;
        this.imageSamples = imageSamples;
        this.tolerance = tolerance;
        this.int8 = int8;
    }

    public ExportResult export(TrainedRun run, Path outDir, ManifestFactory manifests) throws IOException {
        return export(ExportSubject.of(run), outDir, manifests);
    }

    public ExportResult export(ExportSubject subject, Path outDir, ManifestFactory manifests) throws IOException {
        Files.createDirectories(outDir);
        Path onnx = outDir.resolve("model.onnx");
        Path manifestFile = outDir.resolve("manifest.json");
        Files.deleteIfExists(manifestFile);
        int side = subject.input().size();
        new OnnxExporter(manifests.producerVersion()).write(subject.net(), side, onnx);
        log.printf("wrote %s (%.1f MB)%n", onnx, Files.size(onnx) / 1e6);

        List<float[]> random = gaussianInputs(randomSamples, side, subject.training().seed() ^ 0x5eed_0ff5L);
        List<float[]> images = realImages(subject);
        List<float[]> inputs = new ArrayList<>(random);
        inputs.addAll(images);
        double tolerance = this.tolerance != null ? this.tolerance : toleranceFor(subject.architecture());
        ParityResult parity = new ParityCheck(4).compare(subject.net(), subject.manager(), onnx, inputs, side, tolerance);
        log.printf("parity: %d inputs (%d random, %d images), max |ONNX - DJL| %s, tolerance %.0e%n", parity.samples(),
                randomSamples, parity.samples() - randomSamples, parity.perOutput(), tolerance);
        if (!parity.passed()) {
            throw new ParityFailedException("the ONNX graph does not reproduce the network: " + parity.perOutput()
                    + " exceeds " + tolerance + "; no manifest written");
        }
        Files.deleteIfExists(outDir.resolve(ModelFile.INT8_FILE));
        List<ModelFile> files = new ArrayList<>(List.of(ModelFile.fp32(Sha256.ofFile(onnx), Files.size(onnx))));
        Int8Export.Outcome quantized = null;
        if (int8 != null) {
            quantized = int8.export(subject, onnx, outDir, random, images, manifests.producerVersion());
            switch (quantized) {
                case Int8Export.Accepted accepted -> files.add(accepted.file());
                case Int8Export.Refused refused -> log.println("int8: refused, " + ModelFile.INT8_FILE
                        + " deleted and not listed: " + String.join("; ", refused.reasons()));
            }
        }
        return new ExportResult(onnx, manifests.write(subject, parity, files, manifestFile), parity,
                quantized);
    }

    /** Standard-normal CHW tensors: far outside the image distribution, so they exercise every path of the graph. */
    public static List<float[]> gaussianInputs(int count, int side, long seed) {
        Random random = new Random(seed);
        List<float[]> inputs = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            float[] values = new float[3 * side * side];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian();
            }
            inputs.add(values);
        }
        return inputs;
    }

    /** A few images of every class from the subject's dataset, through the serving preprocessor. */
    private List<float[]> realImages(ExportSubject subject) throws IOException {
        Path data = subject.imageData();
        if (data == null) {
            log.println("parity: no dataset for this network; comparing on random inputs only");
            return List.of();
        }
        if (imageSamples == 0 || !Files.isDirectory(data)) {
            log.println("parity: training data not found at " + data + "; comparing on random inputs only");
            return List.of();
        }
        ImageDataset dataset = Datasets.open(data);
        List<LabelledImage> pool = dataset.images(Split.TEST).isEmpty() ? dataset.images(Split.TRAIN)
                : dataset.images(Split.TEST);
        ImagePreprocessor preprocessor = new ImagePreprocessor(subject.input(), ImageLimits.defaults());
        return ImageSample.tensors(ImageSample.spread(pool, imageSamples), preprocessor, log, "parity");
    }

    /** Thrown when the exported graph disagrees with the network beyond tolerance. */
    public static final class ParityFailedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ParityFailedException(String message) {
            super(message);
        }
    }
}
