package dev.defactify.training.publish;

import dev.defactify.contract.util.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One local file to publish under the version prefix.
 *
 * @param relativeKey its key below {@code <prefix><version>/}, '/'-separated (e.g. {@code report/report.md})
 * @param sha256      lowercase hex of its content: stored as object metadata and checked after upload, so a re-run can
 *                    tell an identical object from a different one without downloading it
 */
public record PublishedFile(Path file, String relativeKey, long size, String sha256, String contentType) {

    /** Hashes the file now. */
    public static PublishedFile of(Path file, String relativeKey) throws IOException {
        return new PublishedFile(file, relativeKey, Files.size(file), Sha256.ofFile(file), contentTypeOf(relativeKey));
    }

    /** With a hash already proven (model.onnx against its manifest), so a 95 MB file is not read twice. */
    public static PublishedFile of(Path file, String relativeKey, String sha256) throws IOException {
        return new PublishedFile(file, relativeKey, Files.size(file), sha256, contentTypeOf(relativeKey));
    }

    static String contentTypeOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return "application/json";
        }
        if (lower.endsWith(".md")) {
            return "text/markdown; charset=utf-8";
        }
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".csv")) {
            return "text/csv; charset=utf-8";
        }
        return "application/octet-stream";
    }
}
