package dev.defactify.function.model;

import dev.defactify.contract.image.ImageLimits;
import dev.defactify.contract.manifest.CurrentPointer;
import dev.defactify.function.s3.S3Access;
import dev.defactify.testing.s3.S3TestServer;
import dev.defactify.testing.s3.SdkDefaults;
import dev.defactify.testing.s3.TestBucket;
import dev.defactify.function.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(S3TestServer.Extension.class)
class ModelLoaderTest {
    private final Path model = TestModels.small();

    private static ModelLoader loader(S3Access s3) {
        return new ModelLoader(new ModelFetcher(s3), new SessionSettings(2), ImageLimits.defaults());
    }

    @Test
    void loadsFromADirectory() throws Exception {
        try (S3Access s3 = new S3Access(); LoadedModel loaded = loader(s3).load(ModelLocation.parse(model.toString()))) {
            assertEquals("defactifynet", loaded.manifest().name());
            assertEquals(96, loaded.preprocessor().spec().size());
        }
    }

    @Test
    void loadsFromAnS3VersionPrefixAndFromCurrentJson(S3TestServer server, TestBucket bucket) throws Exception {
        String version = "models/defactifynet/v1/";
        bucket.put(version + "model.onnx", Files.readAllBytes(model.resolve("model.onnx")));
        bucket.put(version + "manifest.json", Files.readAllBytes(model.resolve("manifest.json")));
        bucket.put("models/defactifynet/current.json", new CurrentPointer("v1", bucket.uri(version)).toJson()
                .getBytes(StandardCharsets.UTF_8));
        try (SdkDefaults ignored = server.useAsSdkDefaults(); S3Access s3 = new S3Access()) {
            try (LoadedModel loaded = loader(s3).load(ModelLocation.parse(bucket.uri(version)))) {
                assertEquals(bucket.uri(version), loaded.source());
            }
            try (LoadedModel loaded = loader(s3).load(ModelLocation.parse(
                    bucket.uri("models/defactifynet/current.json")))) {
                assertEquals(bucket.uri(version), loaded.source());
            }
            ModelRefusedException missing = assertThrows(ModelRefusedException.class,
                    () -> loader(s3).load(ModelLocation.parse(bucket.uri("models/defactifynet/v2/"))));
            assertTrue(missing.getMessage().contains("no such object"), missing.getMessage());
        }
    }

    @Test
    void refusesAModelWhoseBytesDoNotMatchTheManifest(@TempDir Path dir) throws Exception {
        copy(dir);
        byte[] onnx = Files.readAllBytes(dir.resolve("model.onnx"));
        onnx[onnx.length - 10] ^= 0x40;
        Files.write(dir.resolve("model.onnx"), onnx);
        ModelRefusedException e = refused(dir);
        assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    }

    @Test
    void refusesAManifestWithAnotherLabelOrder(@TempDir Path dir) throws Exception {
        copy(dir);
        rewriteManifest(dir, "\"sd21\",", "\"swap\",", "\"sdxl\",", "\"sd21\",", "\"swap\",", "\"sdxl\",");
        ModelRefusedException e = refused(dir);
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("labels[1]")), e.getMessage());
    }

    @Test
    void refusesAnInputSpecTheGraphDoesNotTake(@TempDir Path dir) throws Exception {
        copy(dir);
        rewriteManifest(dir, "\"size\" : 96", "\"size\" : 97");
        ModelRefusedException e = refused(dir);
        assertTrue(e.getMessage().contains("does not match its manifest") || e.getMessage().contains("size"),
                e.getMessage());
    }

    @Test
    void refusesBytesThatAreNotAnOnnxGraphEvenWithAMatchingHash(@TempDir Path dir) throws Exception {
        copy(dir);
        byte[] junk = "definitely not protobuf".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("model.onnx"), junk);
        String manifest = Files.readString(dir.resolve("manifest.json"));
        String sha = dev.defactify.contract.util.Sha256.of(junk);
        Files.writeString(dir.resolve("manifest.json"), manifest.replaceAll("\"sha256\" : \"[0-9a-f]{64}\"",
                "\"sha256\" : \"" + sha + "\""));
        ModelRefusedException e = refused(dir);
        assertTrue(e.getMessage().contains("not a readable ONNX graph"), e.getMessage());
    }

    @Test
    void namesAMissingFile(@TempDir Path dir) throws Exception {
        Files.copy(model.resolve("manifest.json"), dir.resolve("manifest.json"));
        ModelRefusedException e = refused(dir);
        assertTrue(e.getMessage().contains("model.onnx is missing"), e.getMessage());
    }

    @Test
    void modelUriAcceptsOnlyDirectoriesAndS3() {
        assertInstanceOf(ModelLocation.S3Version.class, ModelLocation.parse("s3://bucket-a/models/v1/"));
        assertInstanceOf(ModelLocation.S3Pointer.class, ModelLocation.parse("s3://bucket-a/models/current.json"));
        assertInstanceOf(ModelLocation.Directory.class, ModelLocation.parse("quickstart/model"));
        assertThrows(IllegalArgumentException.class, () -> ModelLocation.parse("https://example.com/model/"));
        assertThrows(IllegalArgumentException.class, () -> ModelLocation.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> ModelLocation.parse("s3://Bad_Bucket/x/"));
    }

    private void copy(Path dir) throws IOException {
        Files.copy(model.resolve("manifest.json"), dir.resolve("manifest.json"));
        Files.copy(model.resolve("model.onnx"), dir.resolve("model.onnx"));
    }

    private static void rewriteManifest(Path dir, String... fromTo) throws IOException {
        String manifest = Files.readString(dir.resolve("manifest.json"));
        for (int i = 0; i < fromTo.length; i += 2) {
            assertTrue(manifest.contains(fromTo[i]), "manifest has " + fromTo[i] + ": " + manifest);
            manifest = manifest.replaceFirst(java.util.regex.Pattern.quote(fromTo[i]),
                    java.util.regex.Matcher.quoteReplacement(fromTo[i + 1]));
        }
        Files.writeString(dir.resolve("manifest.json"), manifest);
    }

    private static ModelRefusedException refused(Path dir) {
        try (S3Access s3 = new S3Access()) {
            return assertThrows(ModelRefusedException.class, () -> loader(s3).load(ModelLocation.parse(dir.toString())));
        }
    }
}
