package dev.defactify.function.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.defactify.function.problem.ProblemException;
import dev.defactify.function.testing.ExpectedRefusals;
import dev.defactify.function.testing.ModelessContext;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Any bytes as the body of {@code POST /v1/detections:batch}, through the controller itself: the whole batch is
 * refused with a 4xx problem, or each item is answered, with its own 4xx problem or (no model is loaded here) the
 * 503 that it would otherwise have been scored. Seeds: {@code BatchRequestFuzzTestInputs/detectBatch/}.
 */
class BatchRequestFuzzTest {
    @TempDir
    static Path noModel;
    static ApplicationContext context;
    static DetectionController controller;

    @BeforeAll
    static void start() {
        context = ModelessContext.start(noModel);
        controller = context.getBean(DetectionController.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @FuzzTest
    @Timeout(10)
    void detectBatch(byte[] body) {
        BatchResponse response;
        try {
            response = controller.detectBatch(HttpRequest.POST("/v1/detections:batch", body), body, null);
        } catch (ProblemException e) {
            ExpectedRefusals.assertClientError(e.problem());
            return;
        }
        assertFalse(response.results().isEmpty(), "an empty batch must be refused");
        for (Object item : response.results()) {
            ExpectedRefusals.assertClientErrorOrNoModel(assertInstanceOf(BatchResponse.ItemError.class, item).error());
        }
    }
}
