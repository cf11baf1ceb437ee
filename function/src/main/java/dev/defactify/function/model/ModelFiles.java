package dev.defactify.function.model;

import dev.defactify.contract.manifest.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model version as fetched, before anything about it is trusted: the manifest's bytes, and the chosen ONNX file
 * ({@code model.onnx} or {@code model-int8.onnx}) as a file (never a 100 MB array on the Java heap) with the sha256
 * computed while it was read.
 *
 * @param chosen    the manifest's entry for the file that was fetched (what its hash must be)
 * @param temporary the file is a download of this process's own and is deleted on {@link #close()}
 */
public record ModelFiles(String source, byte[] manifestJson, ModelFile chosen, Path onnx, String onnxSha256,
                         boolean temporary)
        implements AutoCloseable {

    @Override
    public void close() throws IOException {
        if (temporary) {
            Files.deleteIfExists(onnx);
        }
    }
}
