package dev.defactify.training.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The layout of a training run's folder:
 * <pre>
 * RUN/run.json                      config, dataset, history, chosen epoch (written after every epoch)
 * RUN/model.safetensors             the chosen weights (best validation macro-F1), running statistics included
 * RUN/checkpoints/epoch-NNN.*       weights + optimizer state (.safetensors) and loop state (.json) per epoch
 * RUN/report/                       what {@code evaluate} writes
 * </pre>
 */
public record RunDirectory(Path root) {

    public Path runFile() {
        return root.resolve("run.json");
    }

    public Path modelWeights() {
        return root.resolve("model.safetensors");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path checkpointWeights(int epoch) {
        return checkpoints().resolve(String.format(Locale.ROOT, "epoch-%03d.safetensors", epoch));
    }

    public Path checkpointState(int epoch) {
        return checkpoints().resolve(String.format(Locale.ROOT, "epoch-%03d.json", epoch));
    }

    public Path report() {
        return root.resolve("report");
    }

    /** The newest checkpoint whose weights and state were both written completely. */
    public Optional<Integer> latestCheckpoint() throws IOException {
        if (!Files.isDirectory(checkpoints())) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(checkpoints())) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.matches("epoch-\\d{3}\\.json"))
                    .map(name -> Integer.parseInt(name.substring(6, 9)))
                    .filter(epoch -> Files.isRegularFile(checkpointWeights(epoch)))
                    .max(Integer::compare);
        }
    }

    /** Writes through a temporary file and a rename, so a run killed mid-write never leaves a torn file. */
    public static void writeAtomically(Path target, IoAction write) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temporary = target.resolveSibling(target.getFileName() + ".partial");
        write.to(temporary);
        Files.move(temporary, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @FunctionalInterface
    public interface IoAction {
        void to(Path path) throws IOException;
    }
}
