package dev.defactify.function.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real models for the function's tests, made by the project's own exporter: the training CLI's
 * {@code export --untrained} runs in its own JVM (PyTorch stays off this module's classpath), writes model.onnx,
 * checks it against the DJL/PyTorch network through ONNX Runtime, and writes the manifest. Exports are cached
 * under target/test-models, keyed by the training jar, so a rebuilt exporter produces fresh files.
 */
public final class TestModels {
    public static final String TRAINING_JAR_PROPERTY = "training.jar";

    private TestModels() {
    }

    /** A small DeFactifyNet at 96 px input: fast enough for every test. */
    public static Path small() {
        return export("small", 7, 96);
    }

    /** The same network with {@code model-int8.onnx} beside it (calibrated on random tensors: it has no dataset). */
    public static Path smallWithInt8() {
        return export("small", 7, 96, true);
    }

    public static Path export(String architecture, int seed, int size) {
        return export(architecture, seed, size, false);
    }

    public static synchronized Path export(String architecture, int seed, int size, boolean int8) {
        Path jar = Path.of(System.getProperty(TRAINING_JAR_PROPERTY, "../training/target/defactify-training.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the training jar " + jar.toAbsolutePath() + " is missing: build the"
                    + " training module first (./mvnw verify builds the reactor in order)");
        }
        try {
            String key = Long.toHexString(Files.getLastModifiedTime(jar).toMillis() ^ Files.size(jar));
            Path dir = Path.of("target", "test-models", architecture + "-" + seed + "-" + size + (int8 ? "-int8" : "")
                    + "-" + key).toAbsolutePath();
            if (Files.isRegularFile(dir.resolve("manifest.json"))) {
                return dir;
            }
            Path log = Files.createDirectories(dir.getParent()).resolve(dir.getFileName() + ".log");
            List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Dai.djl.offline=true", "-jar",
                    jar.toAbsolutePath().toString(), "export", "--untrained", "--architecture", architecture,
                    "--seed", Integer.toString(seed), "--size", Integer.toString(size), "--out", dir.toString()));
            if (int8) {
                command.addAll(List.of("--int8", "--calibration-images", "8"));
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("export failed: " + String.join(" ", command) + "\n"
                        + Files.readString(log));
            }
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
