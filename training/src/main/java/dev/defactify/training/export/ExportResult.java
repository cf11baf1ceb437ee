package dev.defactify.training.export;

import dev.defactify.contract.manifest.ModelManifest;
import java.nio.file.Path;

/**
 * What {@code export} produced.
 *
 * @param int8 what became of the INT8 file; null when none was asked for
 */
public record ExportResult(Path onnx, ModelManifest manifest, ParityResult parity, Int8Export.Outcome int8) {
}
