package dev.defactify.function.telemetry;

import dev.defactify.function.problem.Problem;
import dev.defactify.function.scoring.Detection;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * CloudWatch embedded-metric-format lines through Powertools' functional API (no AspectJ weaving needed): one
 * EMF document per detection with the stage latencies and a verdict count, one per failure by status.
 * CloudWatch turns them into metrics from the log stream, so nothing waits on a PutMetricData call.
 */
public final class EmbeddedMetrics implements DetectionMetrics {
    public static final String NAMESPACE = "Defactify";

    private final Metrics metrics;

    public EmbeddedMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void detected(String entryPoint, Detection detection) {
        Detection.Timings timings = detection.timingsMs();
        metrics.flushMetrics(emf -> {
            emf.setDefaultDimensions(DimensionSet.of("EntryPoint", entryPoint));
            emf.addMetric("FetchLatency", timings.fetch(), MetricUnit.MILLISECONDS);
            emf.addMetric("DecodeLatency", timings.decode(), MetricUnit.MILLISECONDS);
            emf.addMetric("ProvenanceLatency", timings.provenance(), MetricUnit.MILLISECONDS);
            emf.addMetric("PreprocessLatency", timings.preprocess(), MetricUnit.MILLISECONDS);
            emf.addMetric("InferenceLatency", timings.inference(), MetricUnit.MILLISECONDS);
            emf.addMetric("DetectionLatency", timings.total(), MetricUnit.MILLISECONDS);
            emf.addMetric(Detection.AI_GENERATED.equals(detection.verdict()) ? "VerdictAiGenerated" : "VerdictReal",
                    1, MetricUnit.COUNT);
            emf.addMetadata("modelVersion", detection.model().version());
        });
    }

    @Override
    public void failed(String entryPoint, Problem problem) {
        metrics.flushMetrics(emf -> {
            emf.setDefaultDimensions(DimensionSet.of("EntryPoint", entryPoint, "Status",
                    Integer.toString(problem.status())));
            emf.addMetric("Errors", 1, MetricUnit.COUNT);
        });
    }
}
