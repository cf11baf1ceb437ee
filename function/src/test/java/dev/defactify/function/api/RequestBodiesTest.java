package dev.defactify.function.api;

import dev.defactify.function.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestBodiesTest {
    private final RequestBodies bodies = new RequestBodies();

    /** Found by DetectionRequestFuzzTest: Jackson's nesting limit error has no location, and reading it threw. */
    @Test
    void nestingPastJacksonsLimitIsAMalformedRequest() {
        byte[] body = ("{\"s3Uri\": " + "[".repeat(2000)).getBytes(StandardCharsets.US_ASCII);
        ProblemException e = assertThrows(ProblemException.class, () -> bodies.read(body, ImageRequest.class));
        assertEquals(400, e.problem().status());
        assertTrue(e.problem().detail().startsWith("the body is not the expected JSON: "), e.problem().detail());
    }

    @Test
    void aSyntaxErrorSaysWhere() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> bodies.read("{\"s3Uri\": }".getBytes(StandardCharsets.US_ASCII), ImageRequest.class));
        assertTrue(e.problem().detail().contains(" at line 1, column 11"), e.problem().detail());
    }
}
