package dev.defactify.contract.provenance;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static dev.defactify.contract.provenance.MetadataFiles.xmp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class XmpPacketTest {
    private static final String GENERATED = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

    private static XmpPacket parse(String packet) {
        return XmpPacket.parse(packet.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheSourceTypeWrittenAsAnAttribute() {
        XmpPacket packet = parse(xmp(
                "Iptc4xmpExt:DigitalSourceType='" + GENERATED + "' xmp:CreatorTool='Adobe Firefly'", ""));
        assertEquals(Optional.of(GENERATED), packet.digitalSourceType());
        assertEquals(Optional.of("Adobe Firefly"), packet.creatorTool());
        assertNull(packet.note());
    }

    @Test
    void readsTheSourceTypeWrittenAsAnElementWithText() {
        XmpPacket packet = parse(xmp("", "<Iptc4xmpExt:DigitalSourceType>\n  " + GENERATED
                + "\n</Iptc4xmpExt:DigitalSourceType><xmp:CreatorTool>GIMP 2.10</xmp:CreatorTool>"));
        assertEquals(Optional.of(GENERATED), packet.digitalSourceType());
        assertEquals(Optional.of("GIMP 2.10"), packet.creatorTool());
    }

    @Test
    void readsTheSourceTypeWrittenAsAnRdfResource() {
        XmpPacket packet = parse(xmp("", "<Iptc4xmpExt:DigitalSourceType rdf:resource='" + GENERATED + "'/>"));
        assertEquals(Optional.of(GENERATED), packet.digitalSourceType());
        assertEquals(Optional.empty(), packet.creatorTool());
    }

    @Test
    void keepsABareCodeAsWritten() {
        XmpPacket packet = parse(xmp("Iptc4xmpExt:DigitalSourceType='digitalCapture'", ""));
        assertEquals(Optional.of("digitalCapture"), packet.digitalSourceType());
    }

    /** The property is known by its namespace, not by the prefix a writer chose. */
    @Test
    void readsAnyPrefixBoundToTheNamespace() {
        String packet = "<x:xmpmeta xmlns:x='adobe:ns:meta/'>"
                + "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                + "<rdf:Description xmlns:ext='http://iptc.org/std/Iptc4xmpExt/2008-02-29/' ext:DigitalSourceType='"
                + GENERATED + "'/></rdf:RDF></x:xmpmeta>";
        assertEquals(Optional.of(GENERATED), parse(packet).digitalSourceType());
    }

    @Test
    void aPacketWithoutThePropertiesHasNeither() {
        XmpPacket packet = parse(xmp("xmlns:dc='http://purl.org/dc/elements/1.1/'",
                "<dc:format>image/jpeg</dc:format>"));
        assertEquals(Optional.empty(), packet.digitalSourceType());
        assertEquals(Optional.empty(), packet.creatorTool());
        assertNull(packet.note());
    }

    @Test
    void malformedXmlIsANote() {
        XmpPacket packet = parse("<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF>unclosed");
        assertEquals(XmpPacket.NOT_WELL_FORMED, packet.note());
        assertEquals(Optional.empty(), packet.digitalSourceType());
    }

    @Test
    void bytesThatAreNoXmlAtAllAreANote() {
        assertEquals(XmpPacket.NOT_WELL_FORMED, XmpPacket.parse(new byte[]{0, (byte) 0xFF, 3, '<'}).note());
        assertEquals(XmpPacket.NOT_WELL_FORMED, XmpPacket.parse(new byte[0]).note());
    }

    /** Nine levels of ten-fold entities: a billion "lol"s if expanded. A DOCTYPE is refused before any is. */
    @Test
    void anEntityBombIsRefusedAtOnce() {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE x:xmpmeta [<!ENTITY lol0 'lol'>");
        for (int level = 1; level <= 9; level++) {
            doctype.append("<!ENTITY lol").append(level).append(" '");
            doctype.append(("&lol" + (level - 1) + ";").repeat(10)).append("'>");
        }
        doctype.append("]>");
        String packet = doctype + xmp("", "<xmp:CreatorTool>&lol9;</xmp:CreatorTool>");
        XmpPacket parsed = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> parse(packet));
        assertEquals(XmpPacket.DOCTYPE, parsed.note());
        assertEquals(Optional.empty(), parsed.creatorTool());
    }

    @Test
    void anExternalEntityIsNeverRead() {
        String packet = "<!DOCTYPE x:xmpmeta [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
                + xmp("", "<xmp:CreatorTool>&xxe;</xmp:CreatorTool>");
        XmpPacket parsed = parse(packet);
        assertEquals(XmpPacket.DOCTYPE, parsed.note());
        assertEquals(Optional.empty(), parsed.creatorTool());
    }

    @Test
    void anExternalDtdIsNeverFetched() {
        String packet = "<?xml version='1.0'?><!DOCTYPE x:xmpmeta SYSTEM 'http://127.0.0.1:9/never.dtd'>"
                + "<x:xmpmeta xmlns:x='adobe:ns:meta/'/>";
        XmpPacket parsed = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> parse(packet));
        assertEquals(XmpPacket.DOCTYPE, parsed.note());
    }

    @Test
    void anXIncludeIsNotFollowed() {
        XmpPacket parsed = parse(xmp("", "<xmp:CreatorTool><xi:include xmlns:xi='http://www.w3.org/2001/XInclude'"
                + " href='file:///etc/hostname' parse='text'/></xmp:CreatorTool>"));
        assertNull(parsed.note());
        assertEquals(Optional.empty(), parsed.creatorTool());
    }

    /** Deep nesting is cut off by the parser, not walked by us. */
    @Test
    void deeplyNestedElementsAreANote() {
        String packet = "<a>".repeat(10_000) + "</a>".repeat(10_000);
        XmpPacket parsed = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> parse(packet));
        assertEquals(XmpPacket.NOT_WELL_FORMED, parsed.note());
    }
}
