package dev.defactify.training.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.manifest.Calibration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationFileTest {

    @TempDir
    Path run;

    @Test
    void writesAndReadsBackTheFittedCalibration() throws IOException {
        FittedCalibration fitted = new FittedCalibration(1.7, 0.8, 0.62, FittedCalibration.VALIDATION, 0.9, 270);
        new CalibrationFile().write(fitted, CalibrationFile.in(run));
        assertEquals(fitted, new CalibrationFile().read(run.resolve("calibration.json")));
        Calibration manifestBlock = new CalibrationFile().forManifest(run);
        assertEquals(new Calibration(1.7, 0.8, 0.62, "validation"), manifestBlock);
        assertTrue(manifestBlock.problems().isEmpty());
    }

    @Test
    void aRunWithoutCalibrationExportsNone() throws IOException {
        assertEquals(Calibration.none(), new CalibrationFile().forManifest(run));
    }

    @Test
    void aFileThatBreaksTheManifestRulesIsRefusedNamingTheFile() throws IOException {
        Files.writeString(CalibrationFile.in(run), "{\"aiTemperature\": -1, \"sourceTemperature\": 1, "
                + "\"unknownSourceBelow\": 1.5, \"fittedOn\": \"validation\"}");
        IOException refused = assertThrows(IOException.class, () -> new CalibrationFile().forManifest(run));
        assertTrue(refused.getMessage().contains("calibration.json"), refused.getMessage());
        assertTrue(refused.getMessage().contains("aiTemperature"), refused.getMessage());
    }
}
