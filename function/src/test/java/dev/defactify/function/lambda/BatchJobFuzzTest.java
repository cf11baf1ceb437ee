package dev.defactify.function.lambda;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.function.batch.MalformedJobException;
import dev.defactify.function.testing.Json;
import dev.defactify.function.testing.ModelessContext;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Any bytes as an S3 Batch Operations invocation, through the stream handler as Lambda calls it: refused as a whole
 * with {@link MalformedJobException}, or answered with one result per task, in order. A task result saying
 * "unexpected error" is the processor catching a bug, so it is a finding too. Seeds:
 * {@code BatchJobFuzzTestInputs/handle/}, from {@code function/events/}.
 */
class BatchJobFuzzTest {
    @TempDir
    static Path noModel;
    static ApplicationContext context;
    static BatchOperationsHandler handler;

    @BeforeAll
    static void start() {
        context = ModelessContext.start(noModel);
        handler = new BatchOperationsHandler(context);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @FuzzTest
    @Timeout(10)
    void handle(byte[] invocation) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(invocation), answer, new MockLambdaContext());
        } catch (MalformedJobException e) {
            return;
        }
        JsonNode tasks = Json.parse(invocation).get("tasks");
        JsonNode results = Json.parse(answer.toByteArray()).get("results");
        assertEquals(tasks.size(), results.size());
        for (int i = 0; i < tasks.size(); i++) {
            assertEquals(tasks.get(i).get("taskId").asText(), results.get(i).get("taskId").asText());
            String resultString = results.get(i).path("resultString").asText();
            assertFalse(resultString.startsWith("unexpected error"), resultString);
        }
    }
}
