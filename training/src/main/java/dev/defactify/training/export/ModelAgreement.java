package dev.defactify.training.export;

import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.contract.image.ImageRejectedException;
import dev.defactify.contract.manifest.Agreement;
import dev.defactify.contract.score.Probabilities;
import dev.defactify.training.data.LabelledImage;
import dev.defactify.training.evaluation.Prediction;
import dev.defactify.training.evaluation.TaskAMetrics;
import dev.defactify.training.evaluation.TaskBMetrics;
import dev.defactify.training.model.TensorNames;
import dev.defactify.training.quantize.OnnxFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores the same inputs with the fp32 file and a derived one and says how far apart they are: output differences on
 * random tensors and images, both files' metrics on a labelled split, and how many verdicts and top sources change.
 * Both files run in ONNX Runtime as serving runs them, so what is measured is what would be served.
 */
final class ModelAgreement {
    private static final int BATCH = 8;

    private final int side;
    private final double threshold;
    private final PrintStream log;

    ModelAgreement(int side, double threshold, PrintStream log) {
        this.side = side;
        this.threshold = threshold;
        this.log = log;
    }

    /**
     * @param split     labelled images to compute both files' metrics on (empty: none, e.g. an untrained export)
     * @param splitName the split's name for the manifest
     */
    Agreement measure(Path reference, Path candidate, List<float[]> random, List<float[]> images,
                      List<LabelledImage> split, String splitName, ImagePreprocessor preprocessor,
                      Agreement.Gate gate) throws IOException {
        try (OnnxFile fp32 = OnnxFile.open(reference); OnnxFile derived = OnnxFile.open(candidate)) {
            Changes changes = new Changes();
            Map<String, Double> randomDiff = differences(fp32, derived, random, split.isEmpty() ? changes : null);
            Map<String, Double> imageDiff = differences(fp32, derived, images, split.isEmpty() ? changes : null);
            if (split.isEmpty()) {
                return new Agreement("fp32", randomDiff, imageDiff, null, 0, null, null, changes.verdictShare(),
                        changes.sourceShare(), gate);
            }
            List<Prediction> before = new ArrayList<>();
            List<Prediction> after = new ArrayList<>();
            for (int from = 0; from < split.size(); from += BATCH) {
                List<LabelledImage> chunk = split.subList(from, Math.min(split.size(), from + BATCH));
                List<float[]> tensors = new ArrayList<>();
                List<LabelledImage> kept = new ArrayList<>();
                for (LabelledImage image : chunk) {
                    try {
                        tensors.add(preprocessor.prepare(image.read()).tensor());
                        kept.add(image);
                    } catch (ImageRejectedException e) {
                        log.println("int8 agreement: skipping " + image.id() + ": " + e.getMessage());
                    }
                }
                if (tensors.isEmpty()) {
                    continue;
                }
                OnnxFile.Outputs a = fp32.run(tensors, side);
                OnnxFile.Outputs b = derived.run(tensors, side);
                for (int i = 0; i < kept.size(); i++) {
                    changes.count(a, b, i, threshold);
                    before.add(prediction(kept.get(i), a, i));
                    after.add(prediction(kept.get(i), b, i));
                }
            }
            Map<String, Double> taskA = new LinkedHashMap<>();
            taskA.put("fp32", TaskAMetrics.evaluate(before, threshold).accuracy());
            taskA.put("int8", TaskAMetrics.evaluate(after, threshold).accuracy());
            Map<String, Double> taskB = new LinkedHashMap<>();
            taskB.put("fp32", TaskBMetrics.evaluate(before).macroF1());
            taskB.put("int8", TaskBMetrics.evaluate(after).macroF1());
            return new Agreement("fp32", randomDiff, imageDiff, splitName, before.size(), taskA, taskB,
                    changes.verdictShare(), changes.sourceShare(), gate);
        }
    }

    /** What the gate holds against an agreement; empty when the file may ship. */
    static List<String> refusals(Agreement agreement) {
        List<String> refusals = new ArrayList<>();
        Agreement.Gate gate = agreement.gate();
        if (agreement.taskA() != null && agreement.taskA().get("fp32") - agreement.taskA().get("int8")
                > gate.maxMetricDrop() + 1e-12) {
            refusals.add(String.format("Task A accuracy falls from %.4f to %.4f (more than %.1f points)",
                    agreement.taskA().get("fp32"), agreement.taskA().get("int8"), gate.maxMetricDrop() * 100));
        }
        if (agreement.taskB() != null && agreement.taskB().get("fp32") - agreement.taskB().get("int8")
                > gate.maxMetricDrop() + 1e-12) {
            refusals.add(String.format("Task B macro-F1 falls from %.4f to %.4f (more than %.1f points)",
                    agreement.taskB().get("fp32"), agreement.taskB().get("int8"), gate.maxMetricDrop() * 100));
        }
        if (agreement.verdictChanges() > gate.maxVerdictChanges() + 1e-12) {
            refusals.add(String.format("%.2f%% of verdicts change (at most %.2f%% allowed)",
                    agreement.verdictChanges() * 100, gate.maxVerdictChanges() * 100));
        }
        return refusals;
    }

    private Map<String, Double> differences(OnnxFile fp32, OnnxFile derived, List<float[]> inputs, Changes changes)
            throws IOException {
        Map<String, Double> worst = new LinkedHashMap<>();
        for (int from = 0; from < inputs.size(); from += BATCH) {
            List<float[]> chunk = inputs.subList(from, Math.min(inputs.size(), from + BATCH));
            OnnxFile.Outputs a = fp32.run(chunk, side);
            OnnxFile.Outputs b = derived.run(chunk, side);
            worst.merge(TensorNames.AI_LOGIT, ParityCheck.maxAbsDiff(a.aiLogit(), b.aiLogit()), Math::max);
            worst.merge(TensorNames.SOURCE_LOGITS, ParityCheck.maxAbsDiff(a.sourceLogits(), b.sourceLogits()),
                    Math::max);
            worst.merge(TensorNames.FEATURES, ParityCheck.maxAbsDiff(a.features(), b.features()), Math::max);
            if (changes != null) {
                for (int i = 0; i < chunk.size(); i++) {
                    changes.count(a, b, i, threshold);
                }
            }
        }
        return worst;
    }

    private static Prediction prediction(LabelledImage image, OnnxFile.Outputs outputs, int row) {
        int classes = outputs.sourceLogits().length / outputs.batch();
        return new Prediction(image.id(), image.label(), Probabilities.sigmoid(outputs.aiLogit()[row]),
                Probabilities.softmax(outputs.sourceLogits(), row * classes, classes));
    }

    /** Counts inputs whose verdict or most probable source differs between the two files. */
    private static final class Changes {
        private int inputs;
        private int verdicts;
        private int sources;

        void count(OnnxFile.Outputs a, OnnxFile.Outputs b, int row, double threshold) {
            inputs++;
            if ((Probabilities.sigmoid(a.aiLogit()[row]) >= threshold)
                    != (Probabilities.sigmoid(b.aiLogit()[row]) >= threshold)) {
                verdicts++;
            }
            if (topSource(a, row) != topSource(b, row)) {
                sources++;
            }
        }

        private static int topSource(OnnxFile.Outputs outputs, int row) {
            int classes = outputs.sourceLogits().length / outputs.batch();
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (outputs.sourceLogits()[row * classes + c] > outputs.sourceLogits()[row * classes + best]) {
                    best = c;
                }
            }
            return best;
        }

        double verdictShare() {
            return inputs == 0 ? 0 : verdicts / (double) inputs;
        }

        double sourceShare() {
            return inputs == 0 ? 0 : sources / (double) inputs;
        }
    }
}
