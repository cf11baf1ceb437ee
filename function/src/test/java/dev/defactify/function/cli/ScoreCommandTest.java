package dev.defactify.function.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.function.testing.Json;
import dev.defactify.function.testing.TestImages;
import dev.defactify.function.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.defactify.function.testing.DetectionAssertions.assertDetection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoreCommandTest {

    @Test
    void printsOneDetectionPerFileAndAProblemForAFileThatIsNotAnImage(@TempDir Path dir) throws IOException {
        Path photo = Files.write(dir.resolve("photo.jpg"), TestImages.jpeg(250, 180, 6));
        Path notes = Files.writeString(dir.resolve("notes.png"), "not a picture");
        Output output = run("score", "--model", TestModels.small().toString(), photo.toString(), notes.toString());
        assertEquals(1, output.code(), "one file failed");
        String[] lines = output.stdout().strip().split("\n");
        assertEquals(2, lines.length, output.stdout());
        JsonNode first = Json.parse(lines[0]);
        assertEquals(photo.toString(), first.get("file").asText());
        assertDetection(first, 250, 180, "jpeg");
        JsonNode second = Json.parse(lines[1]);
        assertEquals(415, second.get("error").get("status").asInt());
    }

    @Test
    void aRefusedModelIsAOneLineErrorWithExitCode2(@TempDir Path dir) throws IOException {
        Path photo = Files.write(dir.resolve("photo.jpg"), TestImages.jpeg(50, 50, 7));
        Output output = run("score", "--model", dir.resolve("no-model").toString(), photo.toString());
        assertEquals(2, output.code());
        assertTrue(output.stderr().startsWith("error: refused the model"), output.stderr());
    }

    private record Output(int code, String stdout, String stderr) {
    }

    private static Output run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int code = FunctionCli.run(args);
            return new Output(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
