package dev.defactify.function.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.defactify.contract.image.ImageLimits;
import dev.defactify.contract.manifest.ManifestCodec;
import dev.defactify.contract.manifest.ModelFile;
import dev.defactify.contract.manifest.ModelManifest;
import dev.defactify.contract.manifest.Precision;
import dev.defactify.contract.util.Sha256;
import dev.defactify.function.s3.S3Access;
import dev.defactify.function.scoring.Detection;
import dev.defactify.function.scoring.Detector;
import dev.defactify.function.testing.TestImages;
import dev.defactify.function.testing.TestModels;
import dev.defactify.testing.s3.S3TestServer;
import dev.defactify.testing.s3.SdkDefaults;
import dev.defactify.testing.s3.TestBucket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Serving the INT8 file: chosen by default when the manifest lists it, or by MODEL_PRECISION; checked like fp32. */
@ExtendWith(S3TestServer.Extension.class)
class Int8ServingTest {
    private final Path model = TestModels.smallWithInt8();

    private static ModelLoader loader(S3Access s3, Optional<Precision> precision) {
        return new ModelLoader(new ModelFetcher(s3), new SessionSettings(2), ImageLimits.defaults(), precision);
    }

    private Detection detect(Optional<Precision> precision, boolean explain) throws Exception {
        try (S3Access s3 = new S3Access();
             LoadedModel loaded = loader(s3, precision).load(ModelLocation.parse(model.toString()))) {
            return new Detector(loaded).detect(TestImages.jpeg(320, 240, 3), 0, explain);
        }
    }

    @Test
    void theInt8FileAnswersByDefaultAndSaysSo() throws Exception {
        Detection detection = detect(Optional.empty(), false);
        assertEquals("int8", detection.model().precision());
        assertEquals(Sha256.ofFile(model.resolve(ModelFile.INT8_FILE)), detection.model().sha256());
    }

    @Test
    void modelPrecisionFp32ServesModelOnnx() throws Exception {
        ModelManifest manifest = new ManifestCodec().read(model.resolve("manifest.json"));
        Detection fp32 = detect(Optional.of(Precision.FP32), false);
        assertEquals("fp32", fp32.model().precision());
        assertEquals(manifest.sha256(), fp32.model().sha256());
        Detection int8 = detect(Optional.of(Precision.INT8), false);
        assertNotEquals(fp32.model().sha256(), int8.model().sha256());
        // same network, quantised: close, not equal
        assertEquals(fp32.aiProbability(), int8.aiProbability(), 0.05);
    }

    @Test
    void theActivationMapWorksOnTheInt8File() throws Exception {
        Detection detection = detect(Optional.of(Precision.INT8), true);
        assertNotNull(detection.explanation());
        assertTrue(detection.explanation().grid().rows() > 1);
        assertNotNull(detection.explanation().overlayPng());
    }

    @Test
    void int8IsRefusedWhereTheManifestListsNone() {
        Path fp32Only = TestModels.small();
        try (S3Access s3 = new S3Access()) {
            ModelRefusedException e = assertThrows(ModelRefusedException.class, () ->
                    loader(s3, Optional.of(Precision.INT8)).load(ModelLocation.parse(fp32Only.toString())));
            assertTrue(e.getMessage().contains("MODEL_PRECISION is int8 but the manifest lists no int8 file"),
                    e.getMessage());
        }
    }

    @Test
    void aTamperedInt8FileIsRefusedByItsOwnHash(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        for (String file : new String[] {"manifest.json", "model.onnx", ModelFile.INT8_FILE}) {
            Files.copy(model.resolve(file), dir.resolve(file));
        }
        byte[] int8 = Files.readAllBytes(dir.resolve(ModelFile.INT8_FILE));
        int8[int8.length / 2] ^= 1;
        Files.write(dir.resolve(ModelFile.INT8_FILE), int8);
        try (S3Access s3 = new S3Access()) {
            ModelRefusedException e = assertThrows(ModelRefusedException.class, () ->
                    loader(s3, Optional.empty()).load(ModelLocation.parse(dir.toString())));
            assertTrue(e.getMessage().contains("model-int8.onnx has sha256"), e.getMessage());
        }
    }

    @Test
    void fromS3OnlyTheChosenFileIsFetched(S3TestServer server, TestBucket bucket) throws Exception {
        String version = "models/defactifynet/v1/";
        bucket.put(version + "manifest.json", Files.readAllBytes(model.resolve("manifest.json")));
        bucket.put(version + ModelFile.INT8_FILE, Files.readAllBytes(model.resolve(ModelFile.INT8_FILE)));
        try (SdkDefaults ignored = server.useAsSdkDefaults(); S3Access s3 = new S3Access()) {
            try (LoadedModel loaded = loader(s3, Optional.empty()).load(ModelLocation.parse(bucket.uri(version)))) {
                assertEquals(Precision.INT8, loaded.served().precision());
            }
            // model.onnx was never uploaded: asking for fp32 names the missing object
            ModelRefusedException e = assertThrows(ModelRefusedException.class, () ->
                    loader(s3, Optional.of(Precision.FP32)).load(ModelLocation.parse(bucket.uri(version))));
            assertTrue(e.getMessage().contains("model.onnx") && e.getMessage().contains("no such object"),
                    e.getMessage());
        }
    }
}
