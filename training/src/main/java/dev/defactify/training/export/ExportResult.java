package dev.defactify.training.export;

import dev.defactify.contract.manifest.ModelManifest;
import java.nio.file.Path;

/** What {@code export} produced. */
public record ExportResult(Path onnx, ModelManifest manifest, ParityResult parity) {
}
