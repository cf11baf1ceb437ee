package dev.defactify.function.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.function.testing.Json;
import dev.defactify.function.testing.TestImages;
import dev.defactify.function.testing.TestModels;
import dev.defactify.testing.s3.S3TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deployable jar itself: what Lambda unzips, and what `java -jar` runs locally. */
class PackagedJarIT {
    /** Lambda refuses more than 250 MB unzipped; keep well clear of it. */
    static final long MAX_UNZIPPED_BYTES = 150L * 1024 * 1024;

    private final Path jar = Path.of(System.getProperty("function.jar", "target/defactify-function.jar"));

    @Test
    void fitsLambdaWithRoomToSpareAndCarriesOnlyLinuxNatives() throws IOException {
        long unzipped = 0;
        List<String> natives = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                unzipped += Math.max(0, entry.getSize());
                if (entry.getName().startsWith("ai/onnxruntime/native/") && !entry.isDirectory()) {
                    natives.add(entry.getName());
                }
                assertFalse(entry.getName().startsWith("ai/djl/pytorch/"), "no PyTorch engine: " + entry.getName());
            }
            assertNotNull(zip.getEntry("dev/defactify/function/lambda/ApiGatewayRestHandler.class"));
            assertNotNull(zip.getEntry("dev/defactify/function/lambda/ApiGatewayHttpHandler.class"));
            assertNotNull(zip.getEntry("dev/defactify/function/lambda/S3EventHandler.class"));
            assertNotNull(zip.getEntry("priming/sample.jpg"));
        }
        System.out.printf("defactify-function.jar: %.1f MB zipped, %.1f MB unzipped%n", Files.size(jar) / 1048576.0,
                unzipped / 1048576.0);
        assertTrue(unzipped < MAX_UNZIPPED_BYTES, "unzipped " + unzipped);
        assertTrue(natives.contains("ai/onnxruntime/native/linux-x64/libonnxruntime.so"), natives.toString());
        assertTrue(natives.contains("ai/onnxruntime/native/linux-aarch64/libonnxruntime.so"), natives.toString());
        assertTrue(natives.stream().allMatch(name -> name.contains("/linux-")), natives.toString());
    }

    @Test
    void scoresAFileWithJavaJar(@TempDir Path dir) throws Exception {
        Path image = Files.write(dir.resolve("photo.jpg"), TestImages.jpeg(200, 150, 1));
        Process process = java("score", "--model", TestModels.small().toString(), image.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), out);
        assertEquals(200, Json.parse(out.strip()).get("image").get("width").asInt());
    }

    @Test
    void servesTheApiWithJavaJar() throws Exception {
        Process process = java("serve", "--model", TestModels.small().toString(), "--port", "0")
                .redirectErrorStream(true).start();
        try {
            URI base = serverUrl(process);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            HttpResponse<String> detection = http.send(HttpRequest.newBuilder(base.resolve("/v1/detections"))
                    .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(
                            TestImages.png(90, 70, 2))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, detection.statusCode(), detection.body());
            JsonNode json = Json.parse(detection.body());
            assertEquals("png", json.get("image").get("format").asText());
            HttpResponse<String> problem = http.send(HttpRequest.newBuilder(base.resolve("/v1/detections"))
                    .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofString("nope")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(415, problem.statusCode());
            assertEquals("application/problem+json", problem.headers().firstValue("Content-Type").orElseThrow());
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Configured the way Lambda configures the function: only the DESIGN §7 variables, no options. An option's
     * empty default once overrode ALLOWED_BUCKETS and answered 403 for an allowed bucket.
     */
    @Test
    void servesConfiguredOnlyByTheEnvironment() throws Exception {
        try (S3TestServer s3 = S3TestServer.start(S3TestServer.jarFromSystemProperty(), "inputs")) {
            byte[] image = TestImages.jpeg(120, 90, 3);
            s3.bucketNamed("inputs").put("photos/cat.jpg", image);
            ProcessBuilder serve = java("serve", "--port", "0").redirectErrorStream(true);
            configureForLambdaStyle(serve.environment(), s3);
            serve.environment().put("MODEL_URI", TestModels.smallWithInt8().toString());
            serve.environment().put("ALLOWED_BUCKETS", " inputs , other ");
            serve.environment().put("MODEL_PRECISION", "fp32");
            Process process = serve.start();
            try {
                URI base = serverUrl(process);
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> detection = http.send(HttpRequest.newBuilder(base.resolve("/v1/detections"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"s3Uri\": \"s3://inputs/photos/cat.jpg\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, detection.statusCode(), detection.body());
                JsonNode json = Json.parse(detection.body());
                assertEquals(120, json.get("image").get("width").asInt());
                assertEquals("fp32", json.get("model").get("precision").asText(), "MODEL_PRECISION applies");
                HttpResponse<String> refused = http.send(HttpRequest.newBuilder(base.resolve("/v1/detections"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"s3Uri\": \"s3://elsewhere/cat.jpg\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(403, refused.statusCode(), refused.body());
            } finally {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void scoresWithTheModelNamedOnlyByTheEnvironment(@TempDir Path dir) throws Exception {
        Path image = Files.write(dir.resolve("photo.png"), TestImages.png(64, 48, 4));
        ProcessBuilder score = java("score", image.toString()).redirectError(ProcessBuilder.Redirect.DISCARD);
        score.environment().put("MODEL_URI", TestModels.smallWithInt8().toString());
        score.environment().put("MODEL_PRECISION", "int8");
        Process process = score.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), out);
        assertEquals("int8", Json.parse(out.strip()).get("model").get("precision").asText());
    }

    @Test
    void withoutAModelOptionOrVariableSaysWhichToGive() throws Exception {
        ProcessBuilder serve = java("serve", "--port", "0").redirectErrorStream(true);
        serve.environment().remove("MODEL_URI");
        Process process = serve.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        assertEquals(2, process.exitValue(), out);
        assertTrue(out.contains("--model is missing: give it, or set MODEL_URI"), out);
    }

    /** The SDK's own environment variables, as on Lambda; nothing of this JVM's system properties reaches it. */
    private static void configureForLambdaStyle(Map<String, String> environment, S3TestServer s3) {
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
        environment.put("AWS_REGION", S3TestServer.REGION.id());
        environment.put("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY_ID);
        environment.put("AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_ACCESS_KEY);
    }

    private URI serverUrl(Process process) throws IOException {
        Pattern serving = Pattern.compile("^serving model .* on (http\\S+) ");
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.append(line).append('\n');
            Matcher matcher = serving.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        lines.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return URI.create(matcher.group(1));
            }
        }
        throw new AssertionError("the server never said where it listens:\n" + seen);
    }

    private ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-jar", jar.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
