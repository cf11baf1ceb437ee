package dev.defactify.function.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.defactify.function.testing.HttpClientSupport;
import dev.defactify.function.testing.Json;
import dev.defactify.function.testing.TestImages;
import dev.defactify.function.testing.TestModels;
import dev.defactify.testing.s3.S3TestServer;
import dev.defactify.testing.s3.SdkDefaults;
import dev.defactify.testing.s3.TestBucket;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The page in a real browser: headless Chromium (Debian's package) driven by Playwright ({@code src/test/browser/},
 * {@code playwright-core} from npm) against the local server, as a person would use it: pick an image and read the
 * verdict, see the activation map rendered, pick a text file and see the 415 problem, pick two files (the batch
 * route), drop one on the page, paste an allowed and a not-allowed {@code s3://} URI. What the page shows is checked
 * against what the API answers for the same bytes, and the page must raise no console error (a CSP violation is one)
 * and call no other host. Screenshots of the detection and the problem go to {@code target/web-page-screenshots/}.
 *
 * <p>{@code .ci/run} installs Chromium and the npm package; elsewhere, without them, this test is skipped with the
 * two commands that install them. Under {@code CI=true} their absence is a failure.
 */
@ExtendWith(S3TestServer.Extension.class)
class WebPageBrowserTest {
    static final Path SCRIPTS = Path.of("src/test/browser");
    static final Path SCREENSHOTS = Path.of("target", "web-page-screenshots");
    static final Pattern AI_PROBABILITY = Pattern.compile("P\\(AI\\) ([0-9.]+) \\(threshold ([0-9.]+)\\)");

    static SdkDefaults sdk;
    static TestBucket allowed;
    static TestBucket denied;
    static ApplicationContext context;
    static URI base;
    static HttpClientSupport http;

    @BeforeAll
    static void start(S3TestServer s3) {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(Path.of(chromium))) {
            missing.add(chromium + " (apt-get install chromium)");
        }
        if (!onPath("node")) {
            missing.add("node (apt-get install nodejs)");
        }
        if (!Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core"))) {
            missing.add("playwright-core (npm ci --prefix function/src/test/browser)");
        }
        if (!missing.isEmpty()) {
            String why = "the browser test needs " + String.join(" and ", missing);
            if ("true".equals(System.getenv("CI"))) {
                fail(why + "; .ci/run installs both");
            }
            Assumptions.abort(why);
        }
        sdk = s3.useAsSdkDefaults();
        allowed = s3.newBucket("web-allowed");
        denied = s3.newBucket("web-denied");
        context = ApplicationContext.builder().properties(Map.of("model.uri", TestModels.small().toString(),
                "allowed.buckets", allowed.name(), "micronaut.server.port", -1)).start();
        base = URI.create(context.getBean(EmbeddedServer.class).start().getURL() + "/");
        http = new HttpClientSupport(base);
    }

    static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
            sdk.close();
        }
    }

    @Test
    void aPersonScoresImagesAndSeesProblemsOnThePage(@TempDir Path files) throws Exception {
        byte[] photo = TestImages.bundledJpeg();
        byte[] second = TestImages.png(300, 200, 11);
        byte[] fromS3 = TestImages.jpeg(240, 180, 12);
        byte[] notes = "shopping list: milk, eggs\n".getBytes(StandardCharsets.UTF_8);
        Path photoFile = Files.write(files.resolve("street.jpg"), photo);
        Path secondFile = Files.write(files.resolve("render.png"), second);
        Path notesFile = Files.write(files.resolve("notes.txt"), notes);
        java.time.Instant now = java.time.Instant.now();
        byte[] signed = dev.defactify.testing.c2pa.TestManifests.signedJpeg(TestImages.jpeg(320, 240, 13),
                dev.defactify.testing.c2pa.TestManifests.Spec.generative(dev.defactify.testing.c2pa.TestManifests
                        .credentials(now.minusSeconds(3600), now.plusSeconds(86_400))));
        Path signedFile = Files.write(files.resolve("signed.jpg"), signed);
        allowed.put("uploads/from-s3.jpg", fromS3);
        denied.put("private.jpg", fromS3);

        JsonNode seen = drive(photoFile, secondFile, notesFile, allowed.uri("uploads/from-s3.jpg"),
                denied.uri("private.jpg"), signedFile);

        JsonNode health = Json.parse(get("health"));
        assertEquals("Model: " + health.get("model").get("name").asText() + " "
                + health.get("model").get("version").asText() + " (" + health.get("model").get("precision").asText()
                + ")", seen.get("model").asText());

        JsonNode api = detect("image/jpeg", photo);
        JsonNode single = seen.get("single");
        assertEquals("street.jpg", single.get("name").asText());
        assertEquals(api.get("verdict").asText().equals("ai-generated") ? "AI-generated" : "Real photograph",
                single.get("verdict").asText());
        assertShows(api, single.get("aiProbability").asText());
        assertEquals(6, single.get("sourceRows").asInt(), "a bar for each of the six sources");
        assertTrue(single.get("sourceCaption").asText().startsWith("Source: "), single.toString());
        // The overlay is the crop the network saw, decoded by the browser from the answer's data: URL.
        int inputSize = Json.parse(get("v1/model")).get("input").get("size").asInt();
        assertEquals(inputSize, single.get("overlayWidth").asInt(), single.toString());
        assertEquals(inputSize, single.get("overlayHeight").asInt(), single.toString());

        JsonNode problem = Json.parse(http.post("v1/detections", "application/octet-stream", notes).body());
        assertEquals("415 " + problem.get("title").asText(), seen.get("notImage").get("title").asText());
        assertEquals("415 Not a supported image", seen.get("notImage").get("title").asText());
        assertEquals(problem.get("detail").asText(), seen.get("notImage").get("detail").asText());
        assertTrue(seen.get("notImage").get("requestId").asText().matches("request id [0-9a-f-]{36}"),
                "the id the server logged the refusal under: " + seen.get("notImage"));

        JsonNode batch = seen.get("batch");
        assertEquals("street.jpg", batch.get(0).get("name").asText(), "the batch reads in the order picked");
        assertEquals("render.png", batch.get(1).get("name").asText());
        assertShows(api, batch.get(0).get("aiProbability").asText());
        assertShows(detect("image/png", second), batch.get(1).get("aiProbability").asText());

        assertEquals("dropped-render.png", seen.get("dropped").get("name").asText());
        assertShows(detect("image/png", second), seen.get("dropped").get("aiProbability").asText());

        assertEquals(allowed.uri("uploads/from-s3.jpg"), seen.get("s3").get("name").asText());
        assertShows(detect("image/jpeg", fromS3), seen.get("s3").get("aiProbability").asText());
        assertEquals("403 Bucket not allowed", seen.get("denied").get("title").asText());

        JsonNode signedAnswer = detect("image/jpeg", signed);
        assertEquals("provenance", signedAnswer.get("basis").asText());
        assertEquals("AI-generated", seen.get("signed").get("verdict").asText());
        assertEquals("Decided by the image's valid C2PA manifest; the network alone says "
                + (signedAnswer.get("modelVerdict").asText().equals("ai-generated") ? "AI-generated" : "real"),
                seen.get("signed").get("basis").asText());
        assertEquals("C2PA manifest valid, signer not on the trust list (O=Defactify tests,CN=Test Generator)",
                seen.get("signed").get("provenance").get(0).asText());
        assertEquals("Digital source type trainedAlgorithmicMedia (from c2pa)",
                seen.get("signed").get("provenance").get(1).asText());

        // Chromium logs every answer that is not 2xx; those two are the refusals the page was asked for. Anything
        // else there (a CSP violation, a missing file) is a defect of the page.
        assertEquals("[\"Failed to load resource: the server responded with a status of 415 (Unsupported Media"
                + " Type)\",\"Failed to load resource: the server responded with a status of 403 (Forbidden)\"]",
                seen.get("consoleErrors").toString(), "console errors");
        assertEquals("[]", seen.get("pageErrors").toString());
        assertEquals("[]", seen.get("requestsElsewhere").toString());
        assertTrue(Files.size(SCREENSHOTS.resolve("web-page-detection.png")) > 10_000);
        assertTrue(Files.size(SCREENSHOTS.resolve("web-page-problem.png")) > 10_000);
    }

    /** The page rounds to three places; the API's own number for the same bytes must round to what it shows. */
    static void assertShows(JsonNode detection, String shown) {
        Matcher m = AI_PROBABILITY.matcher(shown);
        assertTrue(m.matches(), shown);
        assertEquals(detection.get("aiProbability").asDouble(), Double.parseDouble(m.group(1)), 0.0005, shown);
        assertEquals(detection.get("threshold").asDouble(), Double.parseDouble(m.group(2)), 0.005, shown);
    }

    static JsonNode drive(Path image, Path secondImage, Path notImage, String s3Uri, String deniedUri, Path signed)
            throws IOException, InterruptedException {
        Files.createDirectories(SCREENSHOTS);
        Process node = new ProcessBuilder("node", "web-page.mjs", base.toString(),
                SCREENSHOTS.toAbsolutePath().toString(), image.toString(), secondImage.toString(), notImage.toString(),
                s3Uri, deniedUri, signed.toString()).directory(SCRIPTS.toFile()).redirectErrorStream(true).start();
        node.getOutputStream().close();
        byte[] output;
        try (var out = node.getInputStream()) {
            output = out.readAllBytes();
        } finally {
            if (!node.waitFor(180, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, node.exitValue(), "the browser script failed:\n" + text);
        String[] lines = text.strip().split("\n");
        return Json.parse(lines[lines.length - 1]);
    }

    static JsonNode detect(String contentType, byte[] body) {
        HttpResponse<String> response = http.post("v1/detections", contentType, body);
        assertEquals(200, response.statusCode(), response.body());
        return Json.parse(response.body());
    }

    static String get(String path) {
        return http.get(path).body();
    }
}
