package dev.defactify.function.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.defactify.contract.image.ImageLimits;
import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.contract.manifest.InvalidManifestException;
import dev.defactify.contract.manifest.ManifestCodec;
import dev.defactify.contract.manifest.ModelFile;
import dev.defactify.contract.manifest.ModelManifest;
import dev.defactify.contract.manifest.Precision;
import dev.defactify.function.explain.Explainer;
import dev.defactify.function.explain.OnnxFormatException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Fetches a model and loads it only if it is what its manifest says: a valid manifest, a model file (fp32
 * {@code model.onnx} or INT8 {@code model-int8.onnx}, see {@link ModelFetcher}) whose sha256 is the one the manifest
 * lists for it, and a graph that takes the manifest's input and produces the named outputs with the shapes serving
 * reads (checked by one inference on a blank image).
 */
public final class ModelLoader {
    /** DJL's engine name; the function ships no other engine. */
    public static final String ENGINE = "OnnxRuntime";

    private final ModelFetcher fetcher;
    private final SessionSettings session;
    private final ImageLimits limits;
    private final Optional<Precision> precision;

    /** Serves the fastest file the manifest vouches for. */
    public ModelLoader(ModelFetcher fetcher, SessionSettings session, ImageLimits limits) {
        this(fetcher, session, limits, Optional.empty());
    }

    /** @param precision the file to serve ({@code MODEL_PRECISION}); empty for the manifest's preferred one */
    public ModelLoader(ModelFetcher fetcher, SessionSettings session, ImageLimits limits,
                       Optional<Precision> precision) {
        this.fetcher = fetcher;
        this.session = session;
        this.limits = limits;
        this.precision = precision;
    }

    public LoadedModel load(ModelLocation location) throws ModelRefusedException {
        // Bringing up ONNX Runtime (native library extraction, environment) overlaps the model download.
        // DJL finds its engines with ServiceLoader through the thread's context class loader. On Lambda the
        // function's classes (DJL's engine providers included) live in the runtime's customer class loader, which
        // is the caller's context loader but not a common-pool thread's (the system loader, which only holds the
        // runtime's jars): started from there, DJL registers no engine, for good, and no model ever loads.
        ClassLoader functionClasses = Thread.currentThread().getContextClassLoader();
        CompletableFuture<Void> engine = CompletableFuture.runAsync(() -> startEngine(functionClasses));
        try (ModelFiles files = fetcher.fetch(location, precision)) {
            awaitQuietly(engine);
            return load(files);
        } catch (IOException e) {
            throw new ModelRefusedException(location.toString(), List.of("cannot clean up: " + e.getMessage()), e);
        }
    }

    private static void startEngine(ClassLoader functionClasses) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(functionClasses);
        try {
            Engine.getEngine(ENGINE);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** An engine that failed to start fails again, with its reason, where the session is opened. */
    private static void awaitQuietly(CompletableFuture<Void> engine) {
        try {
            engine.join();
        } catch (CompletionException | CancellationException ignored) {
            // reported by open()
        }
    }

    public LoadedModel load(ModelFiles files) throws ModelRefusedException {
        ModelManifest manifest = verified(files);
        Explainer explainer = explainer(files);
        OnnxNetwork network = open(files, manifest);
        try {
            checkOutputs(network, manifest, files);
            return new LoadedModel(manifest, served(manifest, files), network,
                    new ImagePreprocessor(manifest.input(), limits), explainer, files.source());
        } catch (ModelRefusedException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private static ModelManifest verified(ModelFiles files) throws ModelRefusedException {
        ModelManifest manifest;
        try {
            manifest = new ManifestCodec().read(files.manifestJson());
        } catch (InvalidManifestException e) {
            throw new ModelRefusedException(files.source(), e.problems(), e);
        } catch (RuntimeException e) {
            throw new ModelRefusedException(files.source(), List.of("manifest.json is unreadable: " + e.getMessage()), e);
        }
        List<String> problems = new ArrayList<>(manifest.problems());
        String actual = files.onnxSha256();
        String expected = served(manifest, files).sha256();
        if (expected != null && !actual.equals(expected)) {
            problems.add(files.chosen().file() + " has sha256 " + actual + " but the manifest says " + expected);
        }
        if (!problems.isEmpty()) {
            throw new ModelRefusedException(files.source(), problems);
        }
        return manifest;
    }

    /** The manifest's own entry for the fetched file (the fetcher chose it before the manifest was validated). */
    private static ModelFile served(ModelManifest manifest, ModelFiles files) {
        return manifest.files().stream().filter(file -> file.file().equals(files.chosen().file())).findFirst()
                .orElse(ModelFile.fp32(manifest.sha256(), null));
    }

    /** Read once at load, so the model bytes need not stay in memory for {@code explain=true}. */
    private static Explainer explainer(ModelFiles files) throws ModelRefusedException {
        // Mapped, not read: walking the protobuf touches only the field headers, not 100 MB of weights.
        try (FileChannel channel = FileChannel.open(files.onnx(), StandardOpenOption.READ)) {
            return Explainer.forModel(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()));
        } catch (IOException e) {
            throw new ModelRefusedException(files.source(), List.of("cannot read " + files.chosen().file() + ": " + e.getMessage()), e);
        } catch (OnnxFormatException e) {
            throw new ModelRefusedException(files.source(), List.of(e.unreadable()
                    ? files.chosen().file() + " is not a readable ONNX graph (cut short or overwritten): " + e.getMessage()
                    : files.chosen().file() + " has no usable binary head for class activation maps: " + e.getMessage()), e);
        }
    }

    private OnnxNetwork open(ModelFiles files, ModelManifest manifest) throws ModelRefusedException {
        // DJL's engine must bring up ONNX Runtime's environment before the options below touch native code.
        Engine.getEngine(ENGINE);
        Model model = Model.newInstance(manifest.name(), ENGINE);
        try (SessionOptions options = session.toOptions()) {
            model.load(files.onnx(), null, Map.of("sessionOptions", options));
            return new OnnxNetwork(model, manifest.outputs(), manifest.input().size());
        } catch (OrtException | IOException | MalformedModelException | EngineException e) {
            model.close();
            throw new ModelRefusedException(files.source(), List.of("ONNX Runtime cannot load " + files.chosen().file() + ": "
                    + rootMessage(e)), e);
        }
    }

    private static void checkOutputs(OnnxNetwork network, ModelManifest manifest, ModelFiles files)
            throws ModelRefusedException {
        int size = manifest.input().size();
        FloatBuffer blank = ByteBuffer.allocateDirect(3 * size * size * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        try {
            network.run(blank, true);
        } catch (IllegalStateException | EngineException | IllegalArgumentException e) {
            throw new ModelRefusedException(files.source(), List.of(files.chosen().file() + " does not match its manifest: "
                    + rootMessage(e)), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
