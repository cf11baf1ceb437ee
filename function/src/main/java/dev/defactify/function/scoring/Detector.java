package dev.defactify.function.scoring;

import dev.defactify.contract.image.DecodedImage;
import dev.defactify.contract.image.ImageHeader;
import dev.defactify.contract.image.ImageProbe;
import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.contract.image.ImageRejectedException;
import dev.defactify.contract.label.SourceLabel;
import dev.defactify.contract.manifest.Calibration;
import dev.defactify.contract.manifest.ModelFile;
import dev.defactify.contract.manifest.ModelManifest;
import dev.defactify.contract.provenance.Provenance;
import dev.defactify.contract.provenance.ProvenanceReader;
import dev.defactify.contract.provenance.TrustAnchors;
import dev.defactify.contract.score.Probabilities;
import dev.defactify.contract.util.Sha256;
import dev.defactify.function.explain.Explanation;
import dev.defactify.function.explain.FeatureMap;
import dev.defactify.function.explain.RgbCrop;
import dev.defactify.function.model.LoadedModel;
import dev.defactify.function.model.NetworkOutput;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Image bytes in, {@link Detection} out: decode (limits checked from the header first), read the image's provenance
 * from the same bytes, preprocess with the manifest's input spec, run DeFactifyNet, and turn logits into the two
 * answers; a valid C2PA manifest may decide the verdict ({@code basis: provenance}, see {@code ProvenanceRule}).
 * Knows nothing of HTTP, Lambda or S3; thread-safe.
 */
public final class Detector {
    private static final Logger LOG = LoggerFactory.getLogger(Detector.class);
    private final LoadedModel model;
    private final ImagePreprocessor preprocessor;
    private final TensorBuffers buffers;
    private final ImageProbe probe;
    private final DecodeBudget budget;
    private final Detection.ModelRef modelRef;
    private final ProvenanceReader provenance;

    /** A detector that trusts no C2PA signer (manifests are still validated). */
    public Detector(LoadedModel model) {
        this(model, new ProvenanceReader(TrustAnchors.none()));
    }

    public Detector(LoadedModel model, ProvenanceReader provenance) {
        this.model = model;
        this.provenance = provenance;
        this.preprocessor = model.preprocessor();
        this.buffers = new TensorBuffers(preprocessor.spec().tensorLength());
        this.probe = new ImageProbe(preprocessor.decoder().limits());
        this.budget = DecodeBudget.forThisJvm();
        ModelManifest manifest = model.manifest();
        this.modelRef = new Detection.ModelRef(manifest.name(), manifest.version(), model.served().precision().slug(),
                model.served().sha256());
    }

    public ModelManifest manifest() {
        return model.manifest();
    }

    /** The model every detection of this detector names. */
    public Detection.ModelRef modelRef() {
        return modelRef;
    }

    /** What decodes JPEGs here: {@code libjpeg-turbo}, or ImageIO with the reason the natives did not load. */
    public String jpegDecoder() {
        return model.preprocessor().decoder().jpegBackend().describe();
    }

    /** The manifest's entry for the file that runs. */
    public ModelFile served() {
        return model.served();
    }

    /**
     * @param fetchMillis time already spent getting {@code encoded}, reported in {@code timingsMs.fetch}
     * @throws ImageRejectedException too many bytes or pixels, an unknown format, or an undecodable file
     * @throws DetectorBusyException    not enough memory to decode this image now; the same call can succeed later
     */
    public Detection detect(byte[] encoded, double fetchMillis, boolean explain) throws ImageRejectedException {
        long start = System.nanoTime();
        DecodedImage image = decode(encoded);
        String sha256 = Sha256.of(encoded);
        long decoded = System.nanoTime();
        Provenance metadata = readProvenance(encoded, image);
        long provenanceRead = System.nanoTime();
        FloatBuffer tensor = buffers.forThisThread();
        preprocessor.writeTensor(image, tensor);
        long prepared = System.nanoTime();
        NetworkOutput output = model.network().run(tensor, explain);
        long inferred = System.nanoTime();

        double threshold = model.manifest().threshold();
        Calibration calibration = model.manifest().calibration();
        double ai = Probabilities.sigmoid(output.aiLogit() / calibration.aiTemperature());
        double[] source = Probabilities.softmax(scaled(output.sourceLogits(), calibration.sourceTemperature()));
        Map<String, Double> bySlug = new LinkedHashMap<>();
        List<SourceLabel> labels = SourceLabel.inHeadOrder();
        int best = 0;
        for (int i = 0; i < labels.size(); i++) {
            bySlug.put(labels.get(i).slug(), round(source[i], 6));
            if (source[i] > source[best]) {
                best = i;
            }
        }
        Explanation explanation = explain ? explain(output, tensor) : null;
        String modelVerdict = ai >= threshold ? Detection.AI_GENERATED : Detection.REAL;
        Provenance compared = metadata.comparedWith(modelVerdict);
        boolean decided = compared.verdict() != null;
        return new Detection(decided ? compared.verdict() : modelVerdict,
                decided ? Detection.BASIS_PROVENANCE : Detection.BASIS_MODEL, modelVerdict, round(ai, 6), threshold,
                new Detection.Source(labels.get(best).slug(), round(source[best], 6),
                        source[best] >= calibration.unknownSourceBelow()), bySlug, compared, modelRef,
                // the upload's upright size, not the decode's (reduced, or only center-crop's window)
                new Detection.ImageInfo(image.sourceWidth(), image.sourceHeight(), image.format().slug(), sha256),
                new Detection.Timings(round(fetchMillis, 1), millis(start, decoded), millis(decoded, provenanceRead),
                        millis(provenanceRead, prepared), millis(prepared, inferred)),
                explanation);
    }

    /**
     * The readers answer for any bytes with a result or a note (fuzzed so); should one still fail, the detection goes
     * on with the pixels alone rather than failing the request over its metadata.
     */
    private Provenance readProvenance(byte[] encoded, DecodedImage image) {
        try {
            return provenance.read(encoded, image.format());
        } catch (RuntimeException e) {
            LOG.error("reading the metadata of a {} image failed; scored on its pixels alone", image.format().slug(), e);
            return Provenance.unreadable("the image's metadata could not be read; the pixels alone answered");
        }
    }

    private DecodedImage decode(byte[] encoded) throws ImageRejectedException {
        ImageHeader header = probe.probe(encoded);
        try (DecodeBudget.Lease ignored = budget.admit(header.pixels())) {
            return preprocessor.decodeForTensor(encoded);
        } catch (OutOfMemoryError e) {
            // Our own allocation for this one image failed and is garbage now; the process goes on serving.
            throw new DetectorBusyException("not enough memory to decode a " + header.width() + "x" + header.height()
                    + " image now; retry shortly");
        }
    }

    private Explanation explain(NetworkOutput output, FloatBuffer tensor) {
        float[] chw = new float[preprocessor.spec().tensorLength()];
        tensor.get(0, chw);
        FeatureMap features = new FeatureMap(output.channels(), output.rows(), output.cols(), output.features());
        return model.explainer().explain(features, RgbCrop.fromTensor(chw, preprocessor.spec()));
    }

    private static float[] scaled(float[] logits, double temperature) {
        float[] scaled = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            scaled[i] = (float) (logits[i] / temperature);
        }
        return scaled;
    }

    private static double millis(long from, long to) {
        return round((to - from) / 1e6, 1);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
