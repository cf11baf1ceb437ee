package dev.defactify.training.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.contract.manifest.Calibration;
import dev.defactify.contract.manifest.ManifestCodec;
import dev.defactify.contract.manifest.ModelManifest;
import dev.defactify.training.cli.TrainingCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate → RUN/calibration.json → export → manifest.calibration on a tiny run (small network, a handful of demo
 * scenes, one epoch at 32 px): what is fitted on validation is what the published manifest carries, and the
 * manifest passes the contract's rules.
 */
class CalibrationRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void evaluateFitsOnValidationAndExportPublishesIt() throws Exception {
        Path data = dir.resolve("data");
        Path run = dir.resolve("run");
        Path model = dir.resolve("model");
        assertEquals(0, TrainingCli.run("demo-data", "--out", data.toString(), "--per-class", "6", "--seed", "3"));
        assertEquals(0, TrainingCli.run("train", "--data", data.toString(), "--arch", "small", "--epochs", "1",
                "--out", run.toString(), "--input-size", "32", "--policy", "center-crop", "--batch-size", "16",
                "--seed", "3"));
        assertEquals(0, TrainingCli.run("evaluate", "--run", run.toString(), "--unknown-source-accuracy", "0.8"));

        FittedCalibration fitted = new CalibrationFile().read(CalibrationFile.in(run));
        assertEquals("validation", fitted.fittedOn());
        assertEquals(0.8, fitted.targetAccuracy());
        assertTrue(fitted.images() > 0);
        assertTrue(fitted.toManifest().problems().isEmpty(), () -> fitted.toManifest().problems().toString());

        JsonNode report = new ObjectMapper().readTree(run.resolve("report/report.json").toFile());
        assertEquals("test", report.get("split").asText());
        assertEquals("val", report.get("splits").get(0).get("split").asText());
        assertEquals("test", report.get("splits").get(1).get("split").asText());
        JsonNode calibration = report.get("calibration");
        assertEquals(fitted.aiTemperature(), calibration.get("aiTemperature").asDouble());
        assertEquals(fitted.unknownSourceBelow(), calibration.get("unknownSourceBelow").asDouble());
        JsonNode onVal = calibration.get("splits").get(0);
        assertEquals("val", onVal.get("split").asText());
        assertEquals("test", calibration.get("splits").get(1).get("split").asText());
        // Fitted by minimising validation NLL, so on validation it can only go down (T = 1 was a candidate region).
        assertTrue(onVal.get("taskA").get("nllAfter").asDouble() <= onVal.get("taskA").get("nllBefore").asDouble()
                + 1e-9, onVal.toString());
        assertTrue(onVal.get("taskB").get("nllAfter").asDouble() <= onVal.get("taskB").get("nllBefore").asDouble()
                + 1e-9, onVal.toString());
        String markdown = Files.readString(run.resolve("report/report.md"));
        assertTrue(markdown.contains("## Headline metrics by split"), markdown);
        assertTrue(markdown.contains("## Calibration (fitted on validation)"), markdown);

        assertEquals(0, TrainingCli.run("export", "--run", run.toString(), "--out", model.toString()));
        ModelManifest manifest = new ManifestCodec().read(model.resolve("manifest.json")).validate();
        assertEquals(fitted.toManifest(), manifest.calibration());
        assertFalse(manifest.calibration().equals(Calibration.none()));
    }
}
