package dev.defactify.contract.provenance;

import dev.defactify.contract.image.ImageFormat;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static dev.defactify.contract.provenance.MetadataFiles.concat;
import static dev.defactify.contract.provenance.MetadataFiles.deflate;
import static dev.defactify.contract.provenance.MetadataFiles.exifApp1;
import static dev.defactify.contract.provenance.MetadataFiles.iTXt;
import static dev.defactify.contract.provenance.MetadataFiles.jpegWithApp1;
import static dev.defactify.contract.provenance.MetadataFiles.png;
import static dev.defactify.contract.provenance.MetadataFiles.tEXt;
import static dev.defactify.contract.provenance.MetadataFiles.xmp;
import static dev.defactify.contract.provenance.MetadataFiles.xmpApp1;
import static dev.defactify.contract.provenance.MetadataFiles.zTXt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What real generator outputs, a real photograph and the formats' spellings yield. */
class GeneratorMetadataTest {
    private static final String GENERATED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
    static final String A1111_SDXL = "a cat\nNegative prompt: x\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1,"
            + " Size: 512x512, Model hash: 31e35c80fc, Model: sd_xl_base_1.0, Version: v1.6.0";

    private final GeneratorMetadata reader = new GeneratorMetadata(ProvenanceLimits.DEFAULT);

    static MetadataFindings read(byte[] file, ImageFormat format) {
        return read(file, format, ProvenanceLimits.DEFAULT);
    }

    static MetadataFindings read(byte[] file, ImageFormat format, ProvenanceLimits limits) {
        return new GeneratorMetadata(limits).read(MetadataBlocks.of(file, format, limits));
    }

    /** ComfyUI's SDXL example: base and refiner checkpoints, in the API graph's order and in the editor's. */
    @Test
    void comfyUiSdxlExampleNamesBothSdxlCheckpoints() {
        MetadataFindings findings = read(MetadataFiles.resource("/provenance/comfyui/sdxl_simple_example.png"),
                ImageFormat.PNG);
        assertEquals(List.of(
                new GeneratorHint("png:prompt", "sd_xl_base_1.0.safetensors", "sdxl"),
                new GeneratorHint("png:prompt", "sd_xl_refiner_1.0.safetensors", "sdxl"),
                new GeneratorHint("png:workflow", "sd_xl_refiner_1.0.safetensors", "sdxl"),
                new GeneratorHint("png:workflow", "sd_xl_base_1.0.safetensors", "sdxl")), findings.generatorHints());
        assertEquals(Optional.empty(), findings.digitalSourceType());
        assertEquals(List.of(), findings.notes());
    }

    @Test
    void comfyUiSd3ExampleNamesTheSd3MediumCheckpoint() {
        MetadataFindings findings = read(MetadataFiles.resource("/provenance/comfyui/sd3_simple_example.png"),
                ImageFormat.PNG);
        assertEquals(List.of(
                new GeneratorHint("png:prompt", "sd3_medium_incl_clips_t5xxlfp8.safetensors", "sd3"),
                new GeneratorHint("png:workflow", "sd3_medium_incl_clips_t5xxlfp8.safetensors", "sd3")),
                findings.generatorHints());
        assertEquals(List.of(), findings.notes());
    }

    /** A Canon photograph edited in GIMP: the editor is reported, nothing names a generator. */
    @Test
    void cameraPhotographReportsItsEditorAndNoGenerator() {
        MetadataFindings findings = read(MetadataFiles.resource("/provenance/camera/Blinds.jpg"), ImageFormat.JPEG);
        assertEquals(List.of(new GeneratorHint("exif:Software", "GIMP 2.5.0", null)), findings.generatorHints());
        assertFalse(findings.namesGenerator());
        assertEquals(Optional.empty(), findings.digitalSourceType());
        assertEquals(List.of(), findings.notes());
    }

    @Test
    void automatic1111ParametersNameTheModel() {
        MetadataFindings findings = read(png(tEXt("parameters", A1111_SDXL)), ImageFormat.PNG);
        assertEquals(List.of(new GeneratorHint("png:parameters", "sd_xl_base_1.0", "sdxl")),
                findings.generatorHints());
    }

    @Test
    void automatic1111ParametersWithoutAModelNameGiveTheHash() {
        String text = "a cat\nSteps: 20, Sampler: Euler a, Model hash: 31e35c80fc, Version: v1.6.0";
        MetadataFindings findings = read(png(tEXt("parameters", text)), ImageFormat.PNG);
        assertEquals(List.of(new GeneratorHint("png:parameters", "31e35c80fc", "other-generator")),
                findings.generatorHints());
    }

    /** Non-Latin prompts make A1111 write an iTXt chunk, UTF-8 and possibly compressed. */
    @Test
    void compressedItxtParametersAreInflatedAsUtf8() {
        String text = "\u732b\u3068\u72ac\n" + A1111_SDXL.substring(A1111_SDXL.indexOf("Steps:"))
                .replace("sd_xl_base_1.0", "v2-1_768-ema-pruned");
        byte[] zlib = deflate(text.getBytes(StandardCharsets.UTF_8));
        MetadataFindings findings = read(png(iTXt("parameters", true, zlib)), ImageFormat.PNG);
        assertEquals(List.of(new GeneratorHint("png:parameters", "v2-1_768-ema-pruned", "sd21")),
                findings.generatorHints());
    }

    @Test
    void comfyUiPromptInZtxtNamesUnetAndCheckpointLoadersOnly() {
        String prompt = """
                {"1": {"class_type": "UNETLoader", "inputs": {"unet_name": "flux1-dev.safetensors"}},
                 "2": {"class_type": "LoraLoader",
                       "inputs": {"lora_name": "style_sdxl.safetensors", "model": ["1", 0]}},
                 "3": {"class_type": "UpscaleModelLoader", "inputs": {"model_name": "4x-UltraSharp.pth"}},
                 "4": {"class_type": "CheckpointLoaderSimple",
                       "inputs": {"ckpt_name": "SDXL/juggernautXL_v9.safetensors"}},
                 "5": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": ["9", 0]}}}
                """;
        byte[] zlib = deflate(prompt.getBytes(StandardCharsets.ISO_8859_1));
        MetadataFindings findings = read(png(zTXt("prompt", zlib)), ImageFormat.PNG);
        assertEquals(List.of(
                new GeneratorHint("png:prompt", "flux1-dev.safetensors", "other-generator"),
                new GeneratorHint("png:prompt", "SDXL/juggernautXL_v9.safetensors", "other-generator")),
                findings.generatorHints());
    }

    /** The old CheckpointLoader lists its config before its checkpoint; muted loaders did not run. */
    @Test
    void comfyUiWorkflowSkipsConfigsAndMutedLoaders() {
        String workflow = """
                {"nodes": [
                  {"type": "CheckpointLoader", "widgets_values": ["v2-inference-v.yaml", "v2-1_768-ema-pruned.ckpt"]},
                  {"type": "CheckpointLoaderSimple", "mode": 4, "widgets_values": ["sd3_medium.safetensors"]},
                  {"type": "VAELoader", "widgets_values": ["sdxl_vae.safetensors"]}]}
                """;
        MetadataFindings findings = read(png(tEXt("workflow", workflow)), ImageFormat.PNG);
        assertEquals(List.of(new GeneratorHint("png:workflow", "v2-1_768-ema-pruned.ckpt", "sd21")),
                findings.generatorHints());
    }

    @Test
    void swarmUiParamsNameTheModelWithOrWithoutTheWrapper() {
        String wrapped = "{\"sui_image_params\": {\"prompt\": \"a cat\", \"model\": \"OfficialStableDiffusion/"
                + "sd3_medium\"}, \"sui_extra_data\": {}}";
        assertEquals(List.of(new GeneratorHint("png:sui_image_params", "OfficialStableDiffusion/sd3_medium", "sd3")),
                read(png(tEXt("sui_image_params", wrapped)), ImageFormat.PNG).generatorHints());
        String bare = "{\"model\": \"sd3.5_large\"}";
        assertEquals(List.of(new GeneratorHint("png:sui_image_params", "sd3.5_large", "other-generator")),
                read(png(tEXt("sui_image_params", bare)), ImageFormat.PNG).generatorHints());
    }

    @Test
    void aCheckpointNamedTwiceInOneFieldIsOneHint() {
        String prompt = "{\"1\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": \"a.ckpt\"}},"
                + " \"2\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": \"a.ckpt\"}}}";
        assertEquals(1, read(png(tEXt("prompt", prompt)), ImageFormat.PNG).generatorHints().size());
    }

    @Test
    void xmpInAJpegGivesSourceTypeAndCreatorTool() {
        byte[] jpeg = jpegWithApp1(xmpApp1(xmp(
                "Iptc4xmpExt:DigitalSourceType='" + GENERATED + "' xmp:CreatorTool='Adobe Firefly'", "")));
        MetadataFindings findings = read(jpeg, ImageFormat.JPEG);
        assertEquals(Optional.of(GENERATED), findings.digitalSourceType());
        assertEquals(DigitalSourceType.Kind.GENERATIVE,
                DigitalSourceType.of(findings.digitalSourceType().orElseThrow()).orElseThrow().kind());
        assertEquals(List.of(new GeneratorHint("xmp:CreatorTool", "Adobe Firefly", "other-generator")),
                findings.generatorHints());
    }

    /** MetadataBlocks hands compressed iTXt XMP over as text; it is inflated and read as XMP all the same. */
    @Test
    void compressedXmpInAPngIsRead() {
        byte[] packet = xmp("", "<Iptc4xmpExt:DigitalSourceType rdf:resource='" + GENERATED + "'/>")
                .getBytes(StandardCharsets.UTF_8);
        MetadataFindings findings = read(png(iTXt("XML:com.adobe.xmp", true, deflate(packet))), ImageFormat.PNG);
        assertEquals(Optional.of(GENERATED), findings.digitalSourceType());
    }

    @Test
    void exifSoftwareNamingAGeneratorIsLabelled() {
        byte[] software = "Midjourney v6\0".getBytes(StandardCharsets.US_ASCII);
        byte[] tiff = new MetadataFiles.Tiff(ByteOrder.BIG_ENDIAN, 64).ifd0At(8).ifd(8, 1, 0)
                .entry(8, 0, 0x0131, 2, software.length, 40).bytes(40, software).build();
        MetadataFindings findings = read(jpegWithApp1(exifApp1(tiff)), ImageFormat.JPEG);
        assertEquals(List.of(new GeneratorHint("exif:Software", "Midjourney v6", "midjourney6")),
                findings.generatorHints());
    }

    /** Automatic1111 writes its parameters into JPEG UserComment through piexif: UNICODE, big-endian UTF-16. */
    @Test
    void exifUserCommentWithParametersNamesTheModel() {
        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            byte[] comment = concat("UNICODE\0".getBytes(StandardCharsets.US_ASCII),
                    A1111_SDXL.getBytes(StandardCharsets.UTF_16BE));
            MetadataFindings findings = read(jpegWithApp1(exifApp1(userCommentTiff(order, comment))),
                    ImageFormat.JPEG);
            assertEquals(List.of(new GeneratorHint("exif:UserComment", "sd_xl_base_1.0", "sdxl")),
                    findings.generatorHints(), order.toString());
        }
    }

    @Test
    void exifUserCommentInTheTiffsByteOrderIsRead() {
        byte[] comment = concat("UNICODE\0".getBytes(StandardCharsets.US_ASCII),
                "Made with DALL\u00b7E 3".getBytes(StandardCharsets.UTF_16LE));
        MetadataFindings findings = read(jpegWithApp1(exifApp1(userCommentTiff(ByteOrder.LITTLE_ENDIAN, comment))),
                ImageFormat.JPEG);
        assertEquals(List.of(new GeneratorHint("exif:UserComment", "Made with DALL\u00b7E 3", "dalle3")),
                findings.generatorHints());
    }

    /** Cameras and editors fill UserComment with anything; only a generator's name makes it a hint. */
    @Test
    void exifUserCommentNamingNoGeneratorIsNoHint() {
        for (String text : List.of("ASCII\0\0\0Holiday in Crete", "\0\0\0\0\0\0\0\0        ")) {
            byte[] tiff = userCommentTiff(ByteOrder.LITTLE_ENDIAN, text.getBytes(StandardCharsets.US_ASCII));
            MetadataFindings findings = read(jpegWithApp1(exifApp1(tiff)), ImageFormat.JPEG);
            assertEquals(List.of(), findings.generatorHints(), text);
            assertEquals(List.of(), findings.notes(), text);
        }
    }

    @Test
    void exifInAPngEXIfChunkIsRead() {
        byte[] software = "ComfyUI\0".getBytes(StandardCharsets.US_ASCII);
        byte[] tiff = new MetadataFiles.Tiff(ByteOrder.LITTLE_ENDIAN, 64).ifd0At(8).ifd(8, 1, 0)
                .entry(8, 0, 0x0131, 2, software.length, 40).bytes(40, software).build();
        MetadataFindings findings = read(png(MetadataFiles.chunk("eXIf", tiff)), ImageFormat.PNG);
        assertEquals(List.of(new GeneratorHint("exif:Software", "ComfyUI", "other-generator")),
                findings.generatorHints());
        assertTrue(findings.namesGenerator());
    }

    @Test
    void theBlocksOwnNotesAreKept() {
        MetadataBlocks blocks = new MetadataBlocks(Optional.empty(), List.of(), Optional.empty(), List.of(),
                List.of("extended XMP is not read"));
        assertEquals(List.of("extended XMP is not read"), reader.read(blocks).notes());
        assertEquals(new MetadataFindings(Optional.empty(), List.of(), List.of()), reader.read(MetadataBlocks.none()));
    }

    /** IFD0 holding only the Exif IFD pointer; the Exif IFD holding only UserComment. */
    static byte[] userCommentTiff(ByteOrder order, byte[] comment) {
        return new MetadataFiles.Tiff(order, 128 + comment.length).ifd0At(8).ifd(8, 1, 0)
                .entry(8, 0, 0x8769, 4, 1, 40)
                .ifd(40, 1, 0).entry(40, 0, 0x9286, 7, comment.length, 128).bytes(128, comment).build();
    }
}
