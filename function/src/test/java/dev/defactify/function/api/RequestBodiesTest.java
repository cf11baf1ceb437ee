package dev.defactify.function.api;

import dev.defactify.function.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequestBodiesTest {
    private final RequestBodies bodies = new RequestBodies();

    /** Found by DetectionRequestFuzzTest: Jackson's nesting limit error has no location, and reading it threw. */
    @Test
    void nestingPastJacksonsLimitIsAMalformedRequest() {
        byte[] body = ("{\"seigma\": " + "[".repeat(2000)).getBytes(StandardCharsets.US_ASCII);
        ProblemException e = assertThrows(ProblemException.class, () -> bodies.read(body, ImageRequest.class));
        assertEquals(400, e.problem().status());
        assertEquals("the body nests arrays or objects deeper than 1000 levels", e.problem().detail());
    }

    @Test
    void aSyntaxErrorSaysWhere() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> bodies.read("{\"s3Uri\": }".getBytes(StandardCharsets.US_ASCII), ImageRequest.class));
        assertEquals("the body is not valid JSON (line 1, column 11)", e.problem().detail());
    }
}
