package dev.defactify.contract.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Any bytes through the path an upload takes (probe, decode, preprocess to the tensor, as the function's Detector
 * calls it) under both resize policies: the only exception that may leave is {@link ImageRejectedException}, and
 * what comes back must agree with the probe. Anything else that escapes (a reader's RuntimeException, an Error, a
 * per-input timeout) is a finding. Seeds: one small valid file per format and variant, in
 * {@code ImageDecodingFuzzTestInputs/decodeAndPreprocess/} (README there).
 */
class ImageDecodingFuzzTest {
    /**
     * Serving's byte limit, and a pixel limit of 2 Mpx instead of 40: the limit check is the same code either way, but
     * 500 bytes of WebP can claim a 36-Mpx canvas that takes 0.3 s to decode (the cost the default limit accepts, and
     * serving's DecodeBudget rations), over 10 s instrumented, which libFuzzer reports as a timeout. Such inputs
     * teach the fuzzer nothing a smaller canvas does not.
     */
    private static final ImageLimits LIMITS = new ImageLimits(ImageLimits.DEFAULT_MAX_BYTES, 2_000_000);
    /** Tensor values are {@code (v - mean) / std} with {@code v} in [0, 1]; resampling must not overshoot. */
    private static final double SLACK = 1e-4;

    private final ImageProbe probe = new ImageProbe(LIMITS);
    /**
     * The model's 224 px under each policy, and a tiny square under each, for which small inputs already take the
     * reduced-decode and centre-window paths.
     */
    private final List<ImagePreprocessor> preprocessors = List.of(
            new ImagePreprocessor(InputSpec.imagenet(InputSpec.DEFAULT_SIZE,
                    ResizePolicy.RESIZE_SHORTER_THEN_CENTER_CROP), LIMITS),
            new ImagePreprocessor(InputSpec.imagenet(InputSpec.DEFAULT_SIZE, ResizePolicy.CENTER_CROP), LIMITS),
            new ImagePreprocessor(InputSpec.imagenet(3, ResizePolicy.RESIZE_SHORTER_THEN_CENTER_CROP), LIMITS),
            new ImagePreprocessor(InputSpec.imagenet(3, ResizePolicy.CENTER_CROP), LIMITS));

    @FuzzTest
    @Timeout(10)
    void decodeAndPreprocess(byte[] encoded) {
        Optional<ImageHeader> header = probed(encoded);
        for (ImagePreprocessor preprocessor : preprocessors) {
            DecodedImage image;
            try {
                image = preprocessor.decodeForTensor(encoded);
            } catch (ImageRejectedException e) {
                // The probe reads the same header the decoder does: only the pixels can fail after it agreed.
                header.ifPresent(agreed -> assertInstanceOf(ImageRejection.Undecodable.class, e.rejection(),
                        "probed as " + agreed + ", then refused for " + e.getMessage()));
                continue;
            }
            ImageHeader agreed = header.orElseThrow(() -> new AssertionError(
                    "the probe refused an image the decoder accepted: " + image.format()));
            assertEquals(agreed.format(), image.format());
            assertEquals(agreed.width(), image.encodedWidth());
            assertEquals(agreed.height(), image.encodedHeight());
            // At an offset into a larger buffer: writeTensor must neither overrun nor fall short.
            int length = preprocessor.spec().tensorLength();
            FloatBuffer tensor = FloatBuffer.allocate(length + 1).position(1);
            preprocessor.writeTensor(image, tensor);
            assertEquals(length + 1, tensor.position());
            assertNormalised(preprocessor.spec(), tensor.flip().position(1));
        }
    }

    private Optional<ImageHeader> probed(byte[] encoded) {
        try {
            ImageHeader header = probe.probe(encoded);
            assertTrue(header.width() > 0 && header.height() > 0, header::toString);
            assertTrue((long) header.width() * header.height() <= LIMITS.maxPixels(), header::toString);
            return Optional.of(header);
        } catch (ImageRejectedException e) {
            return Optional.empty();
        }
    }

    private static void assertNormalised(InputSpec spec, FloatBuffer tensor) {
        int plane = spec.size() * spec.size();
        for (int channel = 0; channel < 3; channel++) {
            double mean = spec.mean().get(channel);
            double std = spec.std().get(channel);
            double low = (0 - mean) / std - SLACK;
            double high = (1 - mean) / std + SLACK;
            for (int i = 0; i < plane; i++) {
                float value = tensor.get();
                if (!(value >= low && value <= high)) { // also catches NaN
                    fail("channel " + channel + " value " + value + " outside [" + low + ", " + high + "]");
                }
            }
        }
    }
}
