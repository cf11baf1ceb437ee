package dev.defactify.training.publish;

import dev.defactify.contract.manifest.InvalidManifestException;
import dev.defactify.contract.manifest.ManifestCodec;
import dev.defactify.contract.manifest.ModelFile;
import dev.defactify.contract.manifest.ModelManifest;
import dev.defactify.contract.util.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An exported model folder, checked before anything leaves the machine: a valid {@code manifest.json} and a
 * {@code model.onnx} whose sha256 is the manifest's. Serving refuses a model that fails either check, so publishing one
 * would only produce a version that can never load.
 *
 * @param files in upload order: {@code model.onnx}, every other model file the manifest lists (INT8), the report files, then {@code manifest.json} last, so a version
 *              prefix holding a manifest always holds everything the manifest describes
 */
public record LocalModel(Path directory, ModelManifest manifest, List<PublishedFile> files) {
    public static final String MODEL = "model.onnx";
    public static final String MANIFEST = "manifest.json";
    public static final String REPORT = "report";

    public LocalModel {
        files = List.copyOf(files);
    }

    /**
     * @param report the evaluation report folder to publish beside the model, or null to use {@code MODELDIR/report/}
     *               when there is one
     * @throws PublishRefusedException when the folder is not a consistent, valid model
     */
    public static LocalModel open(Path directory, Path report) throws IOException {
        Path manifestFile = directory.resolve(MANIFEST);
        Path onnx = directory.resolve(MODEL);
        if (!Files.isRegularFile(manifestFile) || !Files.isRegularFile(onnx)) {
            throw new PublishRefusedException("refusing to publish " + directory + ": it needs " + MODEL + " and "
                    + MANIFEST + " (run 'export' first)");
        }
        ModelManifest manifest;
        try {
            manifest = new ManifestCodec().read(manifestFile);
        } catch (InvalidManifestException e) {
            throw new PublishRefusedException("refusing to publish " + directory + ": " + e.getMessage(), e);
        }
        String actual = Sha256.ofFile(onnx);
        if (!actual.equalsIgnoreCase(manifest.sha256())) {
            throw new PublishRefusedException("refusing to publish " + directory + ": sha256 of " + MODEL + " is "
                    + actual + " but " + MANIFEST + " says " + manifest.sha256());
        }
        List<PublishedFile> files = new ArrayList<>();
        files.add(PublishedFile.of(onnx, MODEL, actual));
        for (ModelFile derived : manifest.files()) {
            if (derived.file().equals(MODEL)) {
                continue;
            }
            Path path = directory.resolve(derived.file());
            if (!Files.isRegularFile(path)) {
                throw new PublishRefusedException("refusing to publish " + directory + ": " + MANIFEST + " lists "
                        + derived.file() + " (" + derived.precision().slug() + "), which is missing");
            }
            String hash = Sha256.ofFile(path);
            if (!hash.equalsIgnoreCase(derived.sha256())) {
                throw new PublishRefusedException("refusing to publish " + directory + ": sha256 of " + derived.file()
                        + " is " + hash + " but " + MANIFEST + " says " + derived.sha256());
            }
            files.add(PublishedFile.of(path, derived.file(), hash));
        }
        files.addAll(reportFiles(report != null ? report : directory.resolve(REPORT), report != null));
        files.add(PublishedFile.of(manifestFile, MANIFEST));
        return new LocalModel(directory, manifest, files);
    }

    public String version() {
        return manifest.version();
    }

    /** Every regular file below the report folder, as {@code report/<relative path>}, in a stable order. */
    private static List<PublishedFile> reportFiles(Path report, boolean required) throws IOException {
        if (!Files.isDirectory(report)) {
            if (required) {
                throw new PublishRefusedException("refusing to publish: report folder " + report + " does not exist");
            }
            return List.of();
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(report)) {
            paths = walk.filter(Files::isRegularFile)
                    // a half-written file from an interrupted 'evaluate' is not part of the report
                    .filter(path -> !path.getFileName().toString().endsWith(".partial"))
                    .sorted(Comparator.comparing(path -> report.relativize(path).toString()))
                    .toList();
        }
        List<PublishedFile> files = new ArrayList<>();
        for (Path path : paths) {
            String relative = report.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
            files.add(PublishedFile.of(path, REPORT + "/" + relative));
        }
        return files;
    }
}
