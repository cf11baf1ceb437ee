package dev.defactify.training.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtException;
import dev.defactify.contract.image.ImageLimits;
import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.contract.manifest.Agreement;
import dev.defactify.contract.manifest.ModelFile;
import dev.defactify.contract.manifest.Precision;
import dev.defactify.contract.manifest.Quantization;
import dev.defactify.contract.util.Sha256;
import dev.defactify.training.data.Datasets;
import dev.defactify.training.data.ImageDataset;
import dev.defactify.training.data.LabelledImage;
import dev.defactify.training.data.Split;
import dev.defactify.training.quantize.ActivationCalibration;
import dev.defactify.training.quantize.ActivationRange;
import dev.defactify.training.quantize.CalibrationMethod;
import dev.defactify.training.quantize.FoldedGraph;
import dev.defactify.training.quantize.FoldedNetwork;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code export --int8}: the statically quantised model beside the fp32 one. Calibrates activation ranges on training
 * images through the serving preprocessor, writes {@code model-int8.onnx} in QDQ form, measures it against
 * {@code model.onnx} in ONNX Runtime, and keeps it only if it passes {@link #GATE}; a refused file is deleted, so the
 * manifest never lists a file that failed.
 */
public final class Int8Export {
    public static final String SCHEME = "qdq: int8 symmetric per-channel weights, uint8 asymmetric activations, "
            + "int32 biases, batch norms folded, float heads";
    /** At most half a point of either metric lost, at most 1% of verdicts changed. */
    public static final Agreement.Gate GATE = new Agreement.Gate(0.005, 0.01);

    /**
     * @param calibrationImages training images (or random tensors, without a dataset) to calibrate on
     * @param evaluationImages  test images both files are scored on; 0 for the whole split
     */
    public record Options(CalibrationMethod method, int calibrationImages, int evaluationImages) {
        public Options {
            if (calibrationImages < 1) {
                throw new IllegalArgumentException("calibration needs at least one image, got " + calibrationImages);
            }
            if (evaluationImages < 0) {
                throw new IllegalArgumentException("evaluation images must be 0 (all) or more, got "
                        + evaluationImages);
            }
        }
    }

    /** What became of the INT8 file. */
    public sealed interface Outcome permits Accepted, Refused { }

    /** It passed the gate and is listed in the manifest. */
    public record Accepted(ModelFile file) implements Outcome { }

    /** It failed the gate and was deleted. */
    public record Refused(List<String> reasons, Agreement agreement) implements Outcome { }

    private final Options options;
    private final PrintStream log;
    private final Agreement.Gate gate;

    public Int8Export(Options options, PrintStream log) {
        this(options, log, GATE);
    }

    /** With another gate than the production one (tests). */
    Int8Export(Options options, PrintStream log, Agreement.Gate gate) {
        this.options = options;
        this.log = log;
        this.gate = gate;
    }

    /**
     * @param random the parity check's random tensors; {@code images} its dataset images
     */
    Outcome export(ExportSubject subject, Path fp32, Path outDir, List<float[]> random, List<float[]> images,
                   String producerVersion) throws IOException {
        int side = subject.input().size();
        ImagePreprocessor preprocessor = new ImagePreprocessor(subject.input(), ImageLimits.defaults());
        ImageDataset dataset = dataset(subject);
        List<float[]> calibration;
        String calibrationData;
        if (dataset != null && !dataset.images(Split.TRAIN).isEmpty()) {
            calibration = ImageSample.tensors(ImageSample.spread(dataset.images(Split.TRAIN),
                    options.calibrationImages()), preprocessor, log, "int8 calibration");
            calibrationData = "train split";
        } else {
            calibration = ModelExport.gaussianInputs(options.calibrationImages(), side,
                    subject.training().seed() ^ 0xca11_b8a7eL);
            calibrationData = "random tensors";
        }
        long start = System.nanoTime();
        FoldedNetwork folded = FoldedNetwork.of(subject.net());
        Map<String, ActivationRange> ranges;
        try {
            ranges = new ActivationCalibration(options.method()).ranges(folded, side, calibration, producerVersion);
        } catch (OrtException e) {
            throw new IOException("int8 calibration failed in ONNX Runtime: " + e.getMessage(), e);
        }
        Path int8 = outDir.resolve(ModelFile.INT8_FILE);
        ModelProto model = FoldedGraph.int8(folded, side, ranges, producerVersion);
        try (OutputStream out = Files.newOutputStream(int8)) {
            model.writeTo(out);
        }
        log.printf("int8: calibrated %d activations (%s) on %d %s in %.1f s; wrote %s (%.1f MB)%n", ranges.size(),
                options.method().slug(), calibration.size(), calibrationData, (System.nanoTime() - start) / 1e9,
                int8, Files.size(int8) / 1e6);

        List<LabelledImage> split = dataset == null ? List.of()
                : ImageSample.spread(dataset.images(Split.TEST), options.evaluationImages());
        Agreement agreement = new ModelAgreement(side, 0.5, log).measure(fp32, int8, random, images, split,
                split.isEmpty() ? null : Split.TEST.folderName(), preprocessor, gate);
        log.println("int8 agreement: " + describe(agreement));
        List<String> refusals = ModelAgreement.refusals(agreement);
        if (!refusals.isEmpty()) {
            Files.deleteIfExists(int8);
            return new Refused(refusals, agreement);
        }
        Quantization quantization = new Quantization(SCHEME, options.method().slug(), calibrationData,
                calibration.size());
        return new Accepted(new ModelFile(ModelFile.INT8_FILE, Precision.INT8, Sha256.ofFile(int8), Files.size(int8),
                quantization, agreement));
    }

    private ImageDataset dataset(ExportSubject subject) {
        Path data = subject.imageData();
        return data != null && Files.isDirectory(data) ? Datasets.open(data) : null;
    }

    private static String describe(Agreement agreement) {
        StringBuilder text = new StringBuilder();
        text.append("max |int8 - fp32| random ").append(agreement.randomMaxAbsDiff())
                .append(", images ").append(agreement.imageMaxAbsDiff());
        if (agreement.split() != null) {
            text.append(String.format("; %s split (%d images): Task A accuracy fp32 %.4f int8 %.4f, Task B macro-F1 "
                            + "fp32 %.4f int8 %.4f", agreement.split(), agreement.images(),
                    agreement.taskA().get("fp32"), agreement.taskA().get("int8"), agreement.taskB().get("fp32"),
                    agreement.taskB().get("int8")));
        }
        text.append(String.format("; verdicts changed %.2f%%, top source changed %.2f%%",
                agreement.verdictChanges() * 100, agreement.sourceChanges() * 100));
        return text.toString();
    }
}
