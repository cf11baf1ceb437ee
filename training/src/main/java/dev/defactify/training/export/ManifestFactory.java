package dev.defactify.training.export;

import dev.defactify.contract.label.SourceLabel;
import dev.defactify.contract.manifest.ManifestCodec;
import dev.defactify.contract.manifest.ModelFile;
import dev.defactify.contract.manifest.ModelManifest;
import dev.defactify.contract.manifest.Outputs;
import dev.defactify.contract.manifest.Parity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Builds {@code manifest.json} for an exported model from what was exported and the parity result. */
public final class ManifestFactory {
    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;

    public ManifestFactory(Clock clock) {
        this.clock = clock;
    }

    String producerVersion() {
        return "defactify-training 0.1.0";
    }

    /** @param files the fp32 file first, then every derived file that passed its gate */
    ModelManifest write(ExportSubject subject, ParityResult parity, List<ModelFile> files,
                        Path manifestFile) throws IOException {
        // the fp32 entry's hash: model.onnx was hashed once, when the list was made
        String sha256 = files.get(0).sha256();
        String version = VERSION_TIME.format(clock.instant()) + "-" + sha256.substring(0, 8);
        ModelManifest manifest = new ModelManifest("defactifynet", version, ModelManifest.ONNX, OnnxExporter.OPSET,
                sha256, subject.architecture(), subject.input(), SourceLabel.slugs(), 0.5, subject.calibration(),
                Outputs.defaults(), subject.metrics(), subject.training(),
                new Parity(parity.maxAbsDiff(), parity.tolerance(), parity.perOutput(), parity.samples()), files);
        new ManifestCodec().write(manifest, manifestFile);
        return manifest;
    }
}
