package dev.defactify.function.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.function.problem.ProblemKind;
import dev.defactify.function.scoring.Detection;
import dev.defactify.function.testing.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The EMF documents CloudWatch turns into metrics: namespace, dimensions, units and values. */
class EmbeddedMetricsTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream stdout;

    @BeforeEach
    void captureStdout() {
        // Off Lambda the EMF library would look for a CloudWatch agent; Local writes the same lines to stdout.
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Local);
        stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(stdout);
    }

    @Test
    void aDetectionBecomesStageLatenciesAndAVerdictCount() {
        metrics().detected("api", detection("ai-generated"));
        JsonNode emf = onlyDocument();
        JsonNode directive = emf.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals(EmbeddedMetrics.NAMESPACE, directive.get("Namespace").asText());
        assertTrue(directive.get("Dimensions").toString().contains("EntryPoint"), directive.toString());
        assertEquals("api", emf.get("EntryPoint").asText());
        assertEquals(7.5, emf.get("InferenceLatency").asDouble());
        assertEquals(2.0, emf.get("DecodeLatency").asDouble());
        assertEquals(12.0, emf.get("DetectionLatency").asDouble());
        assertEquals(1.0, emf.get("VerdictAiGenerated").asDouble());
        assertTrue(directive.get("Metrics").toString().contains("Milliseconds"), directive.toString());
    }

    @Test
    void aFailureIsCountedByStatus() {
        metrics().failed("s3-event", ProblemKind.UNSUPPORTED_IMAGE.with("not an image"));
        JsonNode emf = onlyDocument();
        assertEquals("415", emf.get("Status").asText());
        assertEquals(1.0, emf.get("Errors").asDouble());
    }

    private static EmbeddedMetrics metrics() {
        return new EmbeddedMetrics(MetricsBuilder.builder().withNamespace(EmbeddedMetrics.NAMESPACE)
                .withService("defactify-function-test").build());
    }

    private JsonNode onlyDocument() {
        List<JsonNode> documents = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.contains("\"_aws\"")) {
                documents.add(Json.parse(line));
            }
        }
        assertEquals(1, documents.size(), captured.toString(StandardCharsets.UTF_8));
        return documents.get(0);
    }

    private static Detection detection(String verdict) {
        return new Detection(verdict, Detection.BASIS_MODEL, verdict, 0.9, 0.5, new Detection.Source("sdxl", 0.7, true),
                Map.of(), dev.defactify.contract.provenance.Provenance.none(),
                new Detection.ModelRef("defactifynet", "v1", "fp32", "0".repeat(64)),
                new Detection.ImageInfo(10, 10, "png", "1".repeat(64)), new Detection.Timings(1.0, 2.0, 0.0, 1.5, 7.5),
                null);
    }
}
