package dev.defactify.training.calibration;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.defactify.contract.manifest.Calibration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code RUN/calibration.json}: written by {@code evaluate} after fitting on validation, read by {@code export} into
 * the manifest. Its fields are the manifest block's four plus {@code targetAccuracy} and {@code images}, so the
 * file on its own says how the level was chosen.
 */
public final class CalibrationFile {
    public static final String FILE_NAME = "calibration.json";

    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public static Path in(Path runDirectory) {
        return runDirectory.resolve(FILE_NAME);
    }

    public void write(FittedCalibration calibration, Path file) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, mapper.writer(printer).writeValueAsString(calibration) + "\n", StandardCharsets.UTF_8);
    }

    public FittedCalibration read(Path file) throws IOException {
        return mapper.readValue(file.toFile(), FittedCalibration.class);
    }

    /**
     * The manifest block from the run's calibration.json, or {@link Calibration#none()} when evaluate has not fitted
     * one. A file that breaks the manifest's rules is refused here, naming the file, rather than at serving time.
     */
    public Calibration forManifest(Path runDirectory) throws IOException {
        Path file = in(runDirectory);
        if (!Files.isRegularFile(file)) {
            return Calibration.none();
        }
        Calibration calibration = read(file).toManifest();
        List<String> problems = calibration.problems();
        if (!problems.isEmpty()) {
            throw new IOException(file + " is not a valid calibration: " + String.join("; ", problems));
        }
        return calibration;
    }

    public Optional<FittedCalibration> readIfPresent(Path runDirectory) throws IOException {
        Path file = in(runDirectory);
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }
}
