package dev.defactify.function.config;

import dev.defactify.contract.image.ImageLimits;
import dev.defactify.contract.manifest.Precision;
import dev.defactify.contract.provenance.TrustAnchors;
import dev.defactify.function.model.SessionSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Every setting the function reads (DESIGN §7), under the same environment variable names locally, in tests and
 * in template.yaml. AWS access itself is left to the SDK's standard configuration.
 *
 * @param resultsBucket empty: results go to the bucket the image came from
 * @param precision     the model file to serve ({@code MODEL_PRECISION}); empty: the fastest the manifest vouches for
 * @param trustAnchors  the C2PA signers' root certificates to trust ({@code C2PA_TRUST_ANCHORS}: a PEM bundle file,
 *                      in Lambda typically from a layer under /opt); none by default, so no signer is trusted
 */
public record ServingSettings(String modelUri, Set<String> allowedBuckets, Optional<String> resultsBucket,
                              String resultsPrefix, ImageLimits limits, int maxBatchItems,
                              SessionSettings session, Optional<Precision> precision, TrustAnchors trustAnchors) {
    public static final String MODEL_URI = "MODEL_URI";
    public static final String ALLOWED_BUCKETS = "ALLOWED_BUCKETS";
    public static final String RESULTS_BUCKET = "RESULTS_BUCKET";
    public static final String RESULTS_PREFIX = "RESULTS_PREFIX";
    public static final String MAX_IMAGE_BYTES = "MAX_IMAGE_BYTES";
    public static final String MAX_IMAGE_PIXELS = "MAX_IMAGE_PIXELS";
    public static final String MAX_BATCH_ITEMS = "MAX_BATCH_ITEMS";
    public static final String ORT_INTRA_OP_THREADS = "ORT_INTRA_OP_THREADS";
    public static final String MODEL_PRECISION = "MODEL_PRECISION";
    public static final String C2PA_TRUST_ANCHORS = "C2PA_TRUST_ANCHORS";
    /** Every variable above, for the check that template.yaml defines what the code reads. */
    public static final Set<String> VARIABLES = Set.of(MODEL_URI, ALLOWED_BUCKETS, RESULTS_BUCKET, RESULTS_PREFIX,
            MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MAX_BATCH_ITEMS, ORT_INTRA_OP_THREADS, MODEL_PRECISION,
            C2PA_TRUST_ANCHORS);

    public static final String DEFAULT_RESULTS_PREFIX = "results/";
    public static final int DEFAULT_MAX_BATCH_ITEMS = 16;

    public ServingSettings {
        allowedBuckets = Set.copyOf(allowedBuckets);
        if (maxBatchItems < 1) {
            throw new IllegalArgumentException(MAX_BATCH_ITEMS + " must be at least 1, got " + maxBatchItems);
        }
        if (resultsPrefix.isEmpty() || resultsPrefix.startsWith("/")) {
            throw new IllegalArgumentException(RESULTS_PREFIX + " must be a non-empty key prefix such as results/"
                    + " (an empty one would make every result re-trigger the function), got \"" + resultsPrefix + "\"");
        }
    }

    /**
     * @param variables looks a variable up by its environment name; empty when unset or blank
     * @throws IllegalArgumentException naming the variable whose value is malformed
     */
    public static ServingSettings from(Function<String, Optional<String>> variables) {
        Function<String, Optional<String>> set = name -> variables.apply(name).map(String::strip)
                .filter(value -> !value.isEmpty());
        Set<String> buckets = new LinkedHashSet<>();
        set.apply(ALLOWED_BUCKETS).ifPresent(list -> Arrays.stream(list.split(",")).map(String::strip)
                .filter(bucket -> !bucket.isEmpty()).forEach(buckets::add));
        String prefix = set.apply(RESULTS_PREFIX).orElse(DEFAULT_RESULTS_PREFIX);
        return new ServingSettings(set.apply(MODEL_URI).orElse(""), buckets, set.apply(RESULTS_BUCKET),
                prefix.endsWith("/") ? prefix : prefix + "/",
                new ImageLimits(number(set, MAX_IMAGE_BYTES, ImageLimits.DEFAULT_MAX_BYTES),
                        number(set, MAX_IMAGE_PIXELS, ImageLimits.DEFAULT_MAX_PIXELS)),
                (int) number(set, MAX_BATCH_ITEMS, DEFAULT_MAX_BATCH_ITEMS),
                new SessionSettings((int) number(set, ORT_INTRA_OP_THREADS,
                        Runtime.getRuntime().availableProcessors())),
                precision(set.apply(MODEL_PRECISION)), trustAnchors(set.apply(C2PA_TRUST_ANCHORS)));
    }

    private static TrustAnchors trustAnchors(Optional<String> file) {
        if (file.isEmpty()) {
            return TrustAnchors.none();
        }
        try {
            return TrustAnchors.fromPem(Files.readString(Path.of(file.get()), StandardCharsets.US_ASCII));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(C2PA_TRUST_ANCHORS + ": cannot read " + file.get() + " ("
                    + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(C2PA_TRUST_ANCHORS + ": " + e.getMessage());
        }
    }

    private static Optional<Precision> precision(Optional<String> value) {
        try {
            return value.map(Precision::ofSlug);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MODEL_PRECISION + ": " + e.getMessage());
        }
    }

    public boolean allows(String bucket) {
        return allowedBuckets.contains(bucket);
    }

    private static long number(Function<String, Optional<String>> variables, String name, long fallback) {
        Optional<String> value = variables.apply(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.get());
            if (parsed < 1 || parsed > Integer.MAX_VALUE && !name.equals(MAX_IMAGE_PIXELS)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive whole number, got \"" + value.get() + "\"");
        }
    }
}
