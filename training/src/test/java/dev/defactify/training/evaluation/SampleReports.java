package dev.defactify.training.evaluation;

import dev.defactify.contract.label.SourceLabel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A plausible, seeded evaluation for writer tests: a decent but imperfect model on all six classes. */
final class SampleReports {

    static final String CREATED_AT = "2025-01-02T03:04:05Z";

    private SampleReports() {
    }

    static List<Prediction> predictions(int perClass, long seed) {
        Random random = new Random(seed);
        List<Prediction> predictions = new ArrayList<>();
        for (SourceLabel truth : SourceLabel.inHeadOrder()) {
            for (int i = 0; i < perClass; i++) {
                double centre = truth.isGenerated() ? 0.75 : 0.25;
                double ai = Math.clamp(centre + random.nextGaussian() * 0.2, 0.0, 1.0);
                double[] sources = new double[SourceLabel.count()];
                for (int k = 0; k < sources.length; k++) {
                    sources[k] = random.nextDouble() * 0.5;
                }
                sources[truth.index()] += 0.35; // right most of the time, confusable sometimes
                double sum = java.util.Arrays.stream(sources).sum();
                for (int k = 0; k < sources.length; k++) {
                    sources[k] /= sum;
                }
                predictions.add(new Prediction(truth.slug() + "-" + i, truth, ai, sources));
            }
        }
        return predictions;
    }

    static TrainingHistory history(int epochs) {
        List<EpochRecord> records = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double decay = Math.exp(-0.35 * epoch);
            records.add(new EpochRecord(epoch, 0.4 + 1.6 * decay, 0.15 + 0.5 * decay, 0.25 + 1.1 * decay,
                    0.55 + 1.4 * decay, 0.2 + 0.45 * decay, 0.35 + 0.95 * decay, 0.95 - 0.3 * decay,
                    0.85 - 0.5 * decay, 1e-3 * decay, 812.5, 95.25));
        }
        return new TrainingHistory(records);
    }

    static Map<String, Object> run() {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("runId", "run-42");
        run.put("architecture", "DeFactifyNet");
        run.put("epochs", 12);
        return run;
    }

    static EvaluationReport withHistory() {
        return EvaluationReport.evaluate("Defactify sample", "val", run(), predictions(60, 7L), 0.5, history(12),
                CREATED_AT);
    }

    static EvaluationReport withoutHistory() {
        return EvaluationReport.evaluate("Defactify sample", "test", run(), predictions(20, 11L), 0.5, null,
                CREATED_AT);
    }
}
