package dev.defactify.contract.provenance;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The two properties of one XMP packet that say how an image was made: {@code Iptc4xmpExt:DigitalSourceType} and
 * {@code xmp:CreatorTool}, each as written.
 *
 * <p>The packet comes from the uploaded file, so the parser is shut off from everything but the packet's own bytes:
 * a DOCTYPE is refused outright (that alone stops entity bombs and external entities), external entities, DTDs and
 * XInclude are off besides, and the entity resolver answers nothing. Whatever goes wrong ends in a note.
 *
 * @param note why the packet was not read, or null when it was
 */
record XmpPacket(Optional<String> digitalSourceType, Optional<String> creatorTool, String note) {
    static final String IPTC_EXT_NS = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
    static final String XMP_NS = "http://ns.adobe.com/xap/1.0/";
    static final String RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    static final String NOT_WELL_FORMED = "XMP packet is not well-formed XML";
    static final String DOCTYPE = "XMP packet declares a DOCTYPE; not read";

    /** Real XMP nests a handful of levels; this keeps a hostile packet from building (and us walking) deep trees. */
    private static final int MAX_ELEMENT_DEPTH = 64;
    private static final String JDK_MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    static XmpPacket parse(byte[] packet) {
        Document document;
        try {
            document = newBuilder().parse(new InputSource(new ByteArrayInputStream(packet)));
        } catch (SAXException | IOException e) {
            return failed(declaresDoctype(packet) ? DOCTYPE : NOT_WELL_FORMED);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a hardening feature", e);
        }
        return new XmpPacket(property(document, IPTC_EXT_NS, "DigitalSourceType"),
                property(document, XMP_NS, "CreatorTool"), null);
    }

    private static XmpPacket failed(String note) {
        return new XmpPacket(Optional.empty(), Optional.empty(), note);
    }

    private static DocumentBuilder newBuilder() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setAttribute(JDK_MAX_ELEMENT_DEPTH, Integer.toString(MAX_ELEMENT_DEPTH));
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setValidating(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        // Unreachable with DOCTYPEs refused; kept so that no configuration slip can ever open a file or a URL.
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
        builder.setErrorHandler(Silent.INSTANCE); // the default handler prints every fatal error to stderr
        return builder;
    }

    /** Only picks the note's wording; the parser's own refusal is what keeps a DOCTYPE out. */
    private static boolean declaresDoctype(byte[] packet) {
        String text = new String(packet, StandardCharsets.ISO_8859_1);
        return text.contains("<!DOCTYPE") || new String(packet, StandardCharsets.UTF_16BE).contains("<!DOCTYPE")
                || new String(packet, StandardCharsets.UTF_16LE).contains("<!DOCTYPE");
    }

    /**
     * A simple property in any of RDF's spellings: an attribute of {@code rdf:Description}, an element with text, or
     * an element whose {@code rdf:resource} names a URI (how the IPTC vocabulary is often written). The first one in
     * document order counts.
     */
    private static Optional<String> property(Document document, String namespace, String name) {
        NodeList descriptions = document.getElementsByTagNameNS(RDF_NS, "Description");
        for (int i = 0; i < descriptions.getLength(); i++) {
            Attr attribute = ((Element) descriptions.item(i)).getAttributeNodeNS(namespace, name);
            if (attribute != null && !attribute.getValue().isBlank()) {
                return Optional.of(attribute.getValue().trim());
            }
        }
        NodeList elements = document.getElementsByTagNameNS(namespace, name);
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            Attr resource = element.getAttributeNodeNS(RDF_NS, "resource");
            if (resource != null && !resource.getValue().isBlank()) {
                return Optional.of(resource.getValue().trim());
            }
            String text = ownText(element).trim();
            if (!text.isEmpty()) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    /** The element's own text children; deliberately not getTextContent, which recurses into whatever is inside. */
    private static String ownText(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            }
        }
        return text.toString();
    }

    /** Turns parse errors into the exception the caller already handles, without logging them. */
    private enum Silent implements ErrorHandler {
        INSTANCE;

        @Override
        public void warning(SAXParseException exception) {
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    }
}
