package dev.defactify.function.model;

import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.contract.manifest.ModelManifest;

/**
 * A verified model, ready to score: its manifest, the ONNX Runtime session and the preprocessing its manifest
 * prescribes. Owns the native session.
 */
public record LoadedModel(ModelManifest manifest, OnnxNetwork network, ImagePreprocessor preprocessor,
                          String source) implements AutoCloseable {

    @Override
    public void close() {
        network.close();
    }
}
