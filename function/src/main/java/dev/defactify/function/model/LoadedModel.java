package dev.defactify.function.model;

import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.contract.manifest.ModelFile;
import dev.defactify.contract.manifest.ModelManifest;
import dev.defactify.function.explain.Explainer;

/**
 * A verified model, ready to score: its manifest, the file that runs (fp32 or INT8), the ONNX Runtime session, the
 * preprocessing its manifest prescribes, and the binary head's weights for class activation maps. Owns the native
 * session.
 */
public record LoadedModel(ModelManifest manifest, ModelFile served, OnnxNetwork network, ImagePreprocessor preprocessor,
                          Explainer explainer, String source) implements AutoCloseable {

    @Override
    public void close() {
        network.close();
    }
}
