package dev.defactify.contract.provenance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One ISO BMFF-style box of a JUMBF structure (ISO/IEC 19566-5) as C2PA uses it: a superbox ({@code jumb}) starts with
 * a description box ({@code jumd}: content type UUID, label) followed by its content boxes. Views into the store's
 * bytes, never copies; every length is checked against its parent before it is trusted.
 *
 * @param type     the four-character box type
 * @param label    the description box's label for a superbox, else null
 * @param uuid     the description box's content type for a superbox (hex), else null
 * @param children the content boxes of a superbox (description box excluded), else empty
 */
public record JumbfBox(String type, String label, String uuid, List<JumbfBox> children, byte[] source,
                       int bodyStart, int bodyEnd) {

    static final String SUPERBOX = "jumb";
    private static final String DESCRIPTION = "jumd";
    /** The C2PA content types all end in the ISO suffix 0011-0010-8000-00AA00389B71 after four ASCII letters. */
    private static final String ISO_SUFFIX = "00110010800000aa00389b71";
    static final String MANIFEST_STORE_UUID = HexFormat.of().formatHex("c2pa".getBytes(StandardCharsets.US_ASCII))
            + ISO_SUFFIX;

    public JumbfBox {
        children = List.copyOf(children);
    }

    /** The payload: for a superbox, the description box and every content box (what a hashed URI covers). */
    public byte[] body() {
        return Arrays.copyOfRange(source, bodyStart, bodyEnd);
    }

    public int bodyLength() {
        return bodyEnd - bodyStart;
    }

    public boolean isSuperbox() {
        return SUPERBOX.equals(type);
    }

    /** The four ASCII letters that name a C2PA content type ({@code c2pa}, {@code c2ma}, {@code c2cl}, ...). */
    public String contentType() {
        if (uuid == null || !uuid.endsWith(ISO_SUFFIX)) {
            return uuid == null ? "" : uuid;
        }
        return new String(HexFormat.of().parseHex(uuid.substring(0, 8)), StandardCharsets.ISO_8859_1);
    }

    public Optional<JumbfBox> child(String childLabel) {
        return children.stream().filter(b -> childLabel.equals(b.label)).findFirst();
    }

    public Optional<JumbfBox> firstOfType(String childType) {
        return children.stream().filter(b -> childType.equals(b.type)).findFirst();
    }

    /** True when {@code jumbf} opens with a superbox described as a C2PA manifest store. */
    static boolean isManifestStore(byte[] jumbf) {
        if (jumbf.length < 8 + 8 + 17 || !SUPERBOX.equals(fourCc(jumbf, 4)) || !DESCRIPTION.equals(fourCc(jumbf, 12))) {
            return false;
        }
        return MANIFEST_STORE_UUID.equals(HexFormat.of().formatHex(jumbf, 16, 32));
    }

    /**
     * Parses the single top-level superbox of {@code jumbf}.
     *
     * @throws MalformedMetadataException a length that overruns its parent, a superbox without a description, or a
     *                                    structure past the limits
     */
    public static JumbfBox parse(byte[] jumbf, ProvenanceLimits limits) throws MalformedMetadataException {
        Parser parser = new Parser(jumbf, limits);
        List<JumbfBox> top = parser.boxes(0, jumbf.length, 0);
        if (top.isEmpty() || !top.get(0).isSuperbox()) {
            throw new MalformedMetadataException("the manifest store is not a JUMBF superbox");
        }
        return top.get(0);
    }

    private static final class Parser {
        private final byte[] data;
        private final ProvenanceLimits limits;
        private int count;

        Parser(byte[] data, ProvenanceLimits limits) {
            this.data = data;
            this.limits = limits;
        }

        List<JumbfBox> boxes(int start, int end, int depth) throws MalformedMetadataException {
            if (depth >= limits.maxBoxDepth()) {
                throw new MalformedMetadataException("JUMBF boxes nest deeper than " + limits.maxBoxDepth());
            }
            List<JumbfBox> boxes = new ArrayList<>();
            int position = start;
            while (position < end) {
                if (end - position < 8) {
                    throw new MalformedMetadataException("a JUMBF box header is cut short at byte " + position);
                }
                if (++count > limits.maxBoxes()) {
                    throw new MalformedMetadataException("more than " + limits.maxBoxes() + " JUMBF boxes");
                }
                long length = MetadataBlocks.u32(data, position);
                String type = fourCc(data, position + 4);
                int header = 8;
                if (length == 1) {
                    if (end - position < 16) {
                        throw new MalformedMetadataException("a JUMBF box header is cut short at byte " + position);
                    }
                    length = MetadataBlocks.u32(data, position + 8) << 32 | MetadataBlocks.u32(data, position + 12);
                    header = 16;
                } else if (length == 0) {
                    length = end - position; // to the end of the enclosing box
                }
                if (length < header || length > end - position) {
                    throw new MalformedMetadataException("JUMBF box '" + printable(type) + "' at byte " + position
                            + " claims " + length + " bytes where " + (end - position) + " remain");
                }
                int bodyStart = position + header;
                int bodyEnd = (int) (position + length);
                boxes.add(SUPERBOX.equals(type) ? superbox(bodyStart, bodyEnd, depth)
                        : new JumbfBox(type, null, null, List.of(), data, bodyStart, bodyEnd));
                position = bodyEnd;
            }
            return boxes;
        }

        private JumbfBox superbox(int start, int end, int depth) throws MalformedMetadataException {
            List<JumbfBox> content = boxes(start, end, depth + 1);
            if (content.isEmpty() || !DESCRIPTION.equals(content.get(0).type)) {
                throw new MalformedMetadataException("a JUMBF superbox at byte " + start + " has no description box");
            }
            JumbfBox description = content.get(0);
            int at = description.bodyStart;
            int descriptionEnd = description.bodyEnd;
            if (descriptionEnd - at < 17) {
                throw new MalformedMetadataException("a JUMBF description box is shorter than 17 bytes");
            }
            String uuid = HexFormat.of().formatHex(data, at, at + 16);
            int toggles = data[at + 16] & 0xFF;
            String label = null;
            if ((toggles & 0x02) != 0) {
                int labelStart = at + 17;
                int nul = labelStart;
                while (nul < descriptionEnd && data[nul] != 0) {
                    nul++;
                }
                if (nul == descriptionEnd) {
                    throw new MalformedMetadataException("a JUMBF label is not terminated");
                }
                label = new String(data, labelStart, nul - labelStart, StandardCharsets.UTF_8);
            }
            return new JumbfBox(SUPERBOX, label, uuid, content.subList(1, content.size()), data, start, end);
        }
    }

    private static String fourCc(byte[] data, int at) {
        return new String(data, at, 4, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? type : HexFormat.of().formatHex(
                type.getBytes(StandardCharsets.ISO_8859_1));
    }
}
