package dev.defactify.function.testing;

import dev.defactify.function.problem.Problem;
import dev.defactify.function.problem.ProblemKind;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the fuzz tests accept as the answer to a hostile request: a client error of DESIGN §4, or, since they run
 * without a model ({@link ModelessContext}), the 503 saying so. A 500 or any other 5xx is a finding.
 */
public final class ExpectedRefusals {
    private static final Set<Integer> CLIENT_ERRORS = Set.of(400, 403, 404, 405, 413, 415, 422);

    private ExpectedRefusals() {
    }

    public static void assertClientError(Problem problem) {
        assertTrue(CLIENT_ERRORS.contains(problem.status()), () -> "refused with " + problem);
    }

    public static void assertClientErrorOrNoModel(Problem problem) {
        if (!ProblemKind.MODEL_NOT_LOADED.type().equals(problem.type())) {
            assertClientError(problem);
        }
    }
}
