package dev.defactify.function.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.defactify.contract.image.ImageLimits;
import dev.defactify.function.problem.ProblemException;
import dev.defactify.function.source.FetchedImage;
import dev.defactify.function.source.ImageFetcher;
import dev.defactify.function.source.ImageInput;
import dev.defactify.function.testing.ExpectedRefusals;
import org.junit.jupiter.api.Timeout;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any bytes as the JSON body of {@code POST /v1/detections}: parsed strictly, turned into an image input and
 * fetched as far as that needs no S3 (base64 is decoded; an {@code s3Uri} is parsed, then refused by the empty
 * bucket allow-list). The only way out besides an image is a {@link ProblemException} with a 4xx status. Seeds:
 * {@code DetectionRequestFuzzTestInputs/parseBody/}.
 */
class DetectionRequestFuzzTest {
    private final RequestBodies bodies = new RequestBodies();
    private final ImageFetcher fetcher = new ImageFetcher(null, Set.of(), ImageLimits.defaults());

    @FuzzTest
    @Timeout(10)
    void parseBody(byte[] body) {
        try {
            ImageInput input = bodies.read(body, ImageRequest.class).toInput();
            FetchedImage image = fetcher.fetch(input);
            assertTrue(input instanceof ImageInput.Base64Text && image.bytes().length > 0, input::toString);
        } catch (ProblemException e) {
            ExpectedRefusals.assertClientError(e.problem());
        }
    }
}
