package dev.defactify.contract.provenance;

import dev.defactify.contract.image.ImageFormat;
import dev.defactify.contract.image.ImageLimits;
import dev.defactify.contract.image.ImagePreprocessor;
import dev.defactify.contract.image.InputSpec;
import dev.defactify.contract.image.PreprocessingBenchmark;

import java.io.InputStream;
import java.util.Locale;

/**
 * What reading provenance costs beside decoding the same bytes, measured in one JVM: an image without metadata (the
 * common case, which must cost nothing measurable), one with a valid C2PA manifest, one with ComfyUI's text chunks.
 * A main class, not a test: timings on a shared build machine are too noisy to assert on. Run with
 * {@code scripts/benchmark-provenance [runs]}.
 */
public final class ProvenanceBenchmark {
    private ProvenanceBenchmark() {
    }

    private record Case(String name, ImageFormat format, byte[] bytes) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Case[] cases = {
                new Case("1024x1024 JPEG, no metadata", ImageFormat.JPEG,
                        PreprocessingBenchmark.jpeg(PreprocessingBenchmark.photoLike(1024, 1024, 2), 0.9f)),
                new Case("4000x3000 JPEG, no metadata", ImageFormat.JPEG,
                        PreprocessingBenchmark.jpeg(PreprocessingBenchmark.photoLike(4000, 3000, 3), 0.9f)),
                new Case("C.jpg, valid C2PA (c2pa-rs)", ImageFormat.JPEG, resource("/provenance/c2pa/C.jpg")),
                new Case("CACA.jpg, 2 manifests", ImageFormat.JPEG, resource("/provenance/c2pa/CACA.jpg")),
                new Case("ComfyUI SDXL PNG, 1024 px", ImageFormat.PNG,
                        resource("/provenance/comfyui/sdxl_simple_example.png")),
        };
        ImagePreprocessor preprocessor = new ImagePreprocessor(InputSpec.defaults(), ImageLimits.defaults());
        ProvenanceReader reader = new ProvenanceReader(TrustAnchors.none());
        System.out.printf(Locale.ROOT, "median ms over %d runs after 10 warm-up runs; %s, %d cores, Java %s%n", runs,
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        System.out.printf(Locale.ROOT, "%-30s %9s %10s %10s %12s%n", "image", "bytes", "decode", "provenance",
                "prov/decode");
        for (Case c : cases) {
            double decode = PreprocessingBenchmark.median(runs, () -> preprocessor.decodeForTensor(c.bytes()));
            double provenance = PreprocessingBenchmark.median(runs, () -> reader.read(c.bytes(), c.format()));
            System.out.printf(Locale.ROOT, "%-30s %9d %10.3f %10.4f %11.2f%%%n", c.name(), c.bytes().length, decode,
                    provenance, 100 * provenance / decode);
        }
    }

    private static byte[] resource(String path) throws Exception {
        try (InputStream in = ProvenanceBenchmark.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        }
    }
}
