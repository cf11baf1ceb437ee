package dev.defactify.function.serving;

import dev.defactify.contract.provenance.ProvenanceReader;
import dev.defactify.contract.provenance.TrustAnchors;
import dev.defactify.function.model.LoadedModel;
import dev.defactify.function.model.ModelLoader;
import dev.defactify.function.model.ModelLocation;
import dev.defactify.function.model.ModelRefusedException;
import dev.defactify.function.scoring.Detector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The model of this process, loaded once at start (for Lambda: during init, so a SnapStart snapshot holds it).
 * A model that cannot be loaded leaves the process up and answering 503 with the reason, rather than crashing
 * in a loop; SnapStart priming refuses to snapshot such a process, so a bad model fails the deployment.
 */
public final class ModelService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);

    private final LoadedModel model;
    private final Detector detector;
    private final String failure;

    private ModelService(LoadedModel model, TrustAnchors trustAnchors, String failure) {
        this.model = model;
        this.detector = model == null ? null : new Detector(model, new ProvenanceReader(trustAnchors));
        this.failure = failure;
    }

    /** @param trustAnchors the C2PA signers to trust; a manifest from anyone else is validated but not trusted */
    public static ModelService load(ModelLoader loader, String modelUri, TrustAnchors trustAnchors) {
        long start = System.nanoTime();
        try {
            LoadedModel model = loader.load(ModelLocation.parse(modelUri));
            LOG.info("model {} version {} ({}) loaded from {} in {} ms; JPEG decoder {}", model.manifest().name(),
                    model.manifest().version(), model.served().precision().slug(), model.source(),
                    (System.nanoTime() - start) / 1_000_000, model.preprocessor().decoder().jpegBackend().describe());
            return new ModelService(model, trustAnchors, null);
        } catch (ModelRefusedException | IllegalArgumentException e) {
            LOG.error("no model loaded: {}", e.getMessage());
            return new ModelService(null, trustAnchors, e.getMessage());
        }
    }

    public Optional<Detector> detector() {
        return Optional.ofNullable(detector);
    }

    /** Why no model is loaded; empty when one is. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
        }
    }
}
