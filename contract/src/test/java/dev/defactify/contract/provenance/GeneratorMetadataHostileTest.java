package dev.defactify.contract.provenance;

import dev.defactify.contract.image.ImageFormat;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static dev.defactify.contract.provenance.GeneratorMetadataTest.read;
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
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files built to hurt a metadata reader: each must end in notes, within bounds, and never in an exception. */
class GeneratorMetadataHostileTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(10);
    private static final ProvenanceLimits SMALL_XMP = new ProvenanceLimits(16 << 20, 16, 4096, 64, 100, 1 << 20, 8);

    @Test
    void anEntityBombInXmpIsANoteNotAHang() {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE x:xmpmeta [<!ENTITY a0 'lol'>");
        for (int level = 1; level <= 9; level++) {
            doctype.append("<!ENTITY a").append(level).append(" '").append(("&a" + (level - 1) + ";").repeat(10))
                    .append("'>");
        }
        String packet = doctype + "]>" + xmp("", "<xmp:CreatorTool>&a9;</xmp:CreatorTool>");
        MetadataFindings findings = assertTimeoutPreemptively(PROMPTLY,
                () -> read(jpegWithApp1(xmpApp1(packet)), ImageFormat.JPEG));
        assertEquals(List.of(XmpPacket.DOCTYPE), findings.notes());
        assertEquals(List.of(), findings.generatorHints());
    }

    @Test
    void aWorkflowNamingThousandsOfCheckpointsIsListedUpToItsBound() {
        StringBuilder prompt = new StringBuilder("{");
        for (int node = 0; node < 5_000; node++) {
            prompt.append(node == 0 ? "" : ",").append('"').append(node)
                    .append("\":{\"class_type\":\"CheckpointLoaderSimple\",\"inputs\":{\"ckpt_name\":\"model-")
                    .append(node).append(".safetensors\"}}");
        }
        prompt.append('}');
        MetadataFindings findings = read(png(tEXt("prompt", prompt.toString())), ImageFormat.PNG);
        assertEquals(16, findings.generatorHints().size());
        assertEquals(List.of("more than 16 generator hints; the rest are not listed"), findings.notes());
    }

    @Test
    void anExternalEntityInXmpIsNotRead() {
        String packet = "<!DOCTYPE x:xmpmeta [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
                + xmp("Iptc4xmpExt:DigitalSourceType='&xxe;'", "<xmp:CreatorTool>&xxe;</xmp:CreatorTool>");
        MetadataFindings findings = read(jpegWithApp1(xmpApp1(packet)), ImageFormat.JPEG);
        assertEquals(List.of(XmpPacket.DOCTYPE), findings.notes());
        assertEquals(Optional.empty(), findings.digitalSourceType());
        assertEquals(List.of(), findings.generatorHints());
    }

    @Test
    void anXmpPacketOverItsLimitIsLeftOutByTheBlocks() {
        String packet = xmp("Iptc4xmpExt:DigitalSourceType='trainedAlgorithmicMedia'", "");
        int size = packet.getBytes(StandardCharsets.UTF_8).length;
        MetadataFindings findings = read(jpegWithApp1(xmpApp1(packet)), ImageFormat.JPEG, SMALL_XMP);
        assertEquals(List.of("XMP packet of " + size + " bytes is over the limit of 100; not read"), findings.notes());
        assertEquals(Optional.empty(), findings.digitalSourceType());
    }

    @Test
    void xmpInAPngTextChunkIsHeldToTheXmpLimit() {
        String packet = xmp("Iptc4xmpExt:DigitalSourceType='trainedAlgorithmicMedia'", "");
        int size = packet.getBytes(StandardCharsets.ISO_8859_1).length;
        MetadataFindings findings = read(png(tEXt("XML:com.adobe.xmp", packet)), ImageFormat.PNG, SMALL_XMP);
        assertEquals(List.of("XMP packet of " + size + " bytes is over the limit of 100; not read"), findings.notes());
        assertEquals(Optional.of("trainedAlgorithmicMedia"),
                read(png(tEXt("XML:com.adobe.xmp", packet)), ImageFormat.PNG).digitalSourceType());
    }

    @Test
    void malformedXmpIsANote() {
        MetadataFindings findings = read(jpegWithApp1(xmpApp1("<x:xmpmeta><rdf:RDF")), ImageFormat.JPEG);
        assertEquals(List.of(XmpPacket.NOT_WELL_FORMED), findings.notes());
    }

    /** 50 MB of zeros in 50 KB of zlib: inflation stops at the 1 MB text limit. */
    @Test
    void aZlibBombStopsAtTheTextLimit() {
        byte[] bomb = MetadataFiles.zeroBomb(50);
        assertTrue(bomb.length < 100_000, "the bomb should be small: " + bomb.length);
        MetadataFindings findings = assertTimeoutPreemptively(PROMPTLY,
                () -> read(png(zTXt("prompt", bomb)), ImageFormat.PNG));
        assertEquals(List.of("PNG zTXt 'prompt' inflates to over 1048576 bytes; not read"), findings.notes());
        assertEquals(List.of(), findings.generatorHints());
    }

    @Test
    void aZlibBombOfXmpStopsAtTheXmpLimit() {
        byte[] bomb = MetadataFiles.zeroBomb(4);
        MetadataFindings findings = read(png(iTXt("XML:com.adobe.xmp", true, bomb)), ImageFormat.PNG, SMALL_XMP);
        assertEquals(List.of("PNG iTXt 'XML:com.adobe.xmp' inflates to over 100 bytes; not read"), findings.notes());
    }

    /** The bound is exact: a text of the limit's length is read, one byte more is not. */
    @Test
    void inflationIsBoundedToTheByte() {
        ProvenanceLimits limits = new ProvenanceLimits(16 << 20, 16, 4096, 64, 1 << 20, 300, 8);
        String settings = "\nSteps: 20, Model: sd_xl_base_1.0";
        String atLimit = "x".repeat(300 - settings.length()) + settings;
        assertEquals(List.of(new GeneratorHint("png:parameters", "sd_xl_base_1.0", "sdxl")),
                read(png(zTXt("parameters", deflate(MetadataFiles.latin1(atLimit)))), ImageFormat.PNG, limits)
                        .generatorHints());
        MetadataFindings over = read(png(zTXt("parameters", deflate(MetadataFiles.latin1("x" + atLimit)))),
                ImageFormat.PNG, limits);
        assertEquals(List.of("PNG zTXt 'parameters' inflates to over 300 bytes; not read"), over.notes());
        assertEquals(0, BoundedInflate.of(deflate(new byte[0]), 1, "empty").bytes().length);
        // output that exactly fills the array, leaving only the checksum for the last call
        assertEquals(64, BoundedInflate.of(deflate(new byte[64]), 64, "full").bytes().length);
    }

    @Test
    void cutAndCorruptZlibAreNotes() {
        byte[] zlib = deflate(GeneratorMetadataTest.A1111_SDXL.getBytes(StandardCharsets.ISO_8859_1));
        byte[] cut = Arrays.copyOf(zlib, zlib.length / 2);
        assertEquals(List.of("PNG zTXt 'parameters' is cut short (incomplete zlib data); not read"),
                read(png(zTXt("parameters", cut)), ImageFormat.PNG).notes());
        byte[] garbage = "this is not zlib".getBytes(StandardCharsets.US_ASCII);
        assertEquals(List.of("PNG zTXt 'parameters' is not valid zlib data; not read"),
                read(png(zTXt("parameters", garbage)), ImageFormat.PNG).notes());
    }

    @Test
    void malformedJsonIsANote() {
        for (String text : List.of("{\"4\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {", "a cat, 4k",
                "{\"a\": tru}")) {
            MetadataFindings findings = read(png(tEXt("prompt", text)), ImageFormat.PNG);
            assertEquals(List.of("PNG tEXt 'prompt' is not valid JSON; not read"), findings.notes(), text);
            assertEquals(List.of(), findings.generatorHints(), text);
        }
    }

    @Test
    void deeplyNestedJsonIsANote() {
        String arrays = "[".repeat(10_000) + "]".repeat(10_000);
        String objects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        for (String keyword : List.of("prompt", "workflow", "sui_image_params")) {
            for (String text : List.of(arrays, objects)) {
                MetadataFindings findings = assertTimeoutPreemptively(PROMPTLY,
                        () -> read(png(tEXt(keyword, text)), ImageFormat.PNG));
                assertEquals(List.of("PNG tEXt '" + keyword + "' is over the JSON limits (nesting depth 64, "
                        + "string length 1048576); not read"), findings.notes(), keyword);
            }
        }
    }

    /** Valid JSON of the wrong shape names nothing and is no error. */
    @Test
    void jsonOfTheWrongShapeIsIgnored() {
        for (String text : List.of("[1, 2]", "\"text\"", "42", "{\"nodes\": {\"type\": 3}}", "{\"1\": []}",
                "{\"1\": {\"class_type\": 5, \"inputs\": {\"ckpt_name\": {\"x\": 1}}}}", "")) {
            for (String keyword : List.of("prompt", "workflow", "sui_image_params")) {
                MetadataFindings findings = read(png(tEXt(keyword, text)), ImageFormat.PNG);
                assertEquals(List.of(), findings.generatorHints(), keyword + " " + text);
            }
        }
    }

    @Test
    void parametersWithoutASettingsLineNameNothing() {
        for (String text : List.of("a cat", "", "Steps:", "a cat\nSteps: 20, Model: \"unclosed", "Model: x")) {
            MetadataFindings findings = assertDoesNotThrow(() -> read(png(tEXt("parameters", text)), ImageFormat.PNG));
            assertTrue(findings.generatorHints().stream().allMatch(h -> h.value().length() <= 200), text);
        }
        assertEquals(List.of(), read(png(tEXt("parameters", "a cat\nNegative prompt: x")), ImageFormat.PNG)
                .generatorHints());
    }

    /** IFD0's Exif pointer and next-IFD offset both point at IFD0 itself. */
    @Test
    void anExifIfdLoopEndsWithANote() {
        byte[] tiff = new MetadataFiles.Tiff(ByteOrder.BIG_ENDIAN, 64).ifd0At(8).ifd(8, 1, 8)
                .entry(8, 0, 0x8769, 4, 1, 8).build();
        MetadataFindings findings = assertTimeoutPreemptively(PROMPTLY,
                () -> read(jpegWithApp1(exifApp1(tiff)), ImageFormat.JPEG));
        assertEquals(List.of("EXIF IFD pointer points back at IFD0; not followed"), findings.notes());
        assertEquals(List.of(), findings.generatorHints());
    }

    @Test
    void exifOffsetsPastTheEndAreNotes() {
        byte[] software = "Stable Diffusion\0".getBytes(StandardCharsets.US_ASCII);
        List<byte[]> tiffs = List.of(
                // IFD0 far past the end
                new MetadataFiles.Tiff(ByteOrder.LITTLE_ENDIAN, 64).ifd0At(0xFFFF_FFF0L).build(),
                // IFD0 claims 65535 entries
                new MetadataFiles.Tiff(ByteOrder.LITTLE_ENDIAN, 64).ifd0At(8).bytes(8, new byte[]{-1, -1}).build(),
                // Software's offset past the end
                new MetadataFiles.Tiff(ByteOrder.BIG_ENDIAN, 64).ifd0At(8).ifd(8, 1, 0)
                        .entry(8, 0, 0x0131, 2, software.length, 0xFFFF_FFF0L).build(),
                // Software's count past the end
                new MetadataFiles.Tiff(ByteOrder.BIG_ENDIAN, 64).ifd0At(8).ifd(8, 1, 0)
                        .entry(8, 0, 0x0131, 2, 1000, 40).bytes(40, software).build(),
                // the Exif IFD past the end
                new MetadataFiles.Tiff(ByteOrder.LITTLE_ENDIAN, 64).ifd0At(8).ifd(8, 1, 0)
                        .entry(8, 0, 0x8769, 4, 1, 0x7FFF_FFFFL).build(),
                // UserComment claims 4 GB
                new MetadataFiles.Tiff(ByteOrder.LITTLE_ENDIAN, 64).ifd0At(8).ifd(8, 1, 0)
                        .entry(8, 0, 0x8769, 4, 1, 26).ifd(26, 1, 0).entry(26, 0, 0x9286, 7, 0xFFFF_FFFFL, 44).build(),
                // no TIFF header
                "MM\0*".getBytes(StandardCharsets.US_ASCII),
                "XX\0*\0\0\0\10\0\0\0\0".getBytes(StandardCharsets.US_ASCII));
        for (byte[] tiff : tiffs) {
            MetadataFindings findings = read(jpegWithApp1(exifApp1(tiff)), ImageFormat.JPEG);
            assertEquals(List.of(), findings.generatorHints());
            assertEquals(1, findings.notes().size(), findings.notes().toString());
        }
    }

    /** Every prefix of a valid TIFF, and every byte of it set to 0xFF, reads without an exception. */
    @Test
    void cutOrCorruptedExifNeverThrows() {
        byte[] comment = concat("UNICODE\0".getBytes(StandardCharsets.US_ASCII),
                GeneratorMetadataTest.A1111_SDXL.getBytes(StandardCharsets.UTF_16BE));
        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            byte[] tiff = GeneratorMetadataTest.userCommentTiff(order, comment);
            for (int length = 0; length <= tiff.length; length++) {
                byte[] cut = Arrays.copyOf(tiff, length);
                assertDoesNotThrow(() -> ExifFields.read(cut, 1 << 20), "cut at " + length);
            }
            for (int at = 0; at < tiff.length; at++) {
                byte[] corrupt = tiff.clone();
                corrupt[at] = (byte) 0xFF;
                assertDoesNotThrow(() -> ExifFields.read(corrupt, 1 << 20), "0xFF at " + at);
            }
        }
    }

    /** The same for the PNG text of a real ComfyUI file: cut anywhere, it never throws. */
    @Test
    void cutComfyUiTextNeverThrows() {
        String prompt = "{\"4\": {\"class_type\": \"CheckpointLoaderSimple\", \"inputs\": {\"ckpt_name\": "
                + "\"sd_xl_base_1.0.safetensors\"}}}";
        byte[] zlib = deflate(prompt.getBytes(StandardCharsets.ISO_8859_1));
        for (int length = 0; length <= zlib.length; length++) {
            byte[] cutZlib = Arrays.copyOf(zlib, length);
            String cutText = prompt.substring(0, Math.min(length, prompt.length()));
            assertDoesNotThrow(() -> read(png(zTXt("prompt", cutZlib)), ImageFormat.PNG));
            assertDoesNotThrow(() -> read(png(tEXt("workflow", cutText)), ImageFormat.PNG));
        }
    }
}
