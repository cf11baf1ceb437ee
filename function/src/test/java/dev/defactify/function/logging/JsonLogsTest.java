package dev.defactify.function.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.function.testing.Json;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jar's logback.xml, as Lambda runs it: one JSON object per line with level, logger, message and MDC. */
class JsonLogsTest {

    @Test
    void everyLineIsAJsonObjectCarryingTheRequestId() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(JsonLogsTest.class.getResource("/logback.xml"));
            Logger log = context.getLogger("dev.defactify.function.events.S3EventProcessor");
            MDC.put("awsRequestId", "req-123");
            log.info("scored {} of {}", 3, 4);
            context.getLogger("software.amazon.awssdk.core").info("SDK chatter is filtered out");
        } finally {
            MDC.remove("awsRequestId");
            context.stop();
            System.setOut(stdout);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertEquals(1, lines.length, captured.toString(StandardCharsets.UTF_8));
        JsonNode line = Json.parse(lines[0]);
        assertEquals("INFO", line.get("level").asText());
        assertEquals("dev.defactify.function.events.S3EventProcessor", line.get("loggerName").asText());
        assertEquals("scored 3 of 4", line.get("formattedMessage").asText());
        assertEquals("req-123", line.get("mdc").get("awsRequestId").asText());
        assertTrue(line.get("timestamp").asLong() > 0);
    }
}
