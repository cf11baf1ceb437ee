package dev.defactify.contract.provenance;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what the metadata blocks of an image say about its making, C2PA aside: the XMP digital source type and
 * creator tool, the generation settings that Automatic1111, ComfyUI and SwarmUI write into PNG text chunks, and the
 * EXIF Software and UserComment fields. Everything here is a claim by whoever wrote the file, and is easily
 * stripped or forged; it is reported as hints, never as proof.
 *
 * <p>Every reader is bounded by {@link ProvenanceLimits} and turns whatever it cannot read into a note: a hostile
 * file yields fewer findings, never an exception.
 */
public final class GeneratorMetadata {
    static final String FIELD_PARAMETERS = "png:parameters";
    static final String FIELD_PROMPT = "png:prompt";
    static final String FIELD_WORKFLOW = "png:workflow";
    static final String FIELD_SWARM = "png:sui_image_params";
    static final String FIELD_SOFTWARE = "exif:Software";
    static final String FIELD_USER_COMMENT = "exif:UserComment";
    static final String FIELD_CREATOR_TOOL = "xmp:CreatorTool";

    private static final String PNG_XMP_KEYWORD = "XML:com.adobe.xmp";
    private static final String SWARM_KEYWORD = "sui_image_params";

    private final ProvenanceLimits limits;
    private final ObjectMapper json;

    public GeneratorMetadata(ProvenanceLimits limits) {
        this.limits = limits;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxCborDepth())
                .maxStringLength(limits.maxTextBytes())
                .build();
        this.json = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build()).build();
    }

    public MetadataFindings read(MetadataBlocks blocks) {
        Findings findings = new Findings(blocks.notes());
        for (byte[] packet : blocks.xmpPackets()) {
            readXmp(packet, findings);
        }
        for (PngText text : blocks.pngTexts()) {
            readPngText(text, findings);
        }
        blocks.exifTiff().ifPresent(tiff -> readExif(tiff, findings));
        return findings.result();
    }

    private void readXmp(byte[] packet, Findings findings) {
        XmpPacket xmp = XmpPacket.parse(packet);
        findings.note(xmp.note());
        xmp.digitalSourceType().ifPresent(findings::digitalSourceType);
        xmp.creatorTool().ifPresent(tool ->
                findings.hint(new GeneratorHint(FIELD_CREATOR_TOOL, tool, GeneratorNames.ofSoftware(tool))));
    }

    private void readPngText(PngText chunk, Findings findings) {
        String keyword = chunk.keyword();
        boolean xmp = keyword.equals(PNG_XMP_KEYWORD);
        String field = fieldOf(keyword);
        if (!xmp && field == null) {
            return; // a text we have no use for is not worth inflating
        }
        String what = "PNG " + chunk.chunkType() + " '" + keyword + "'";
        byte[] bytes = chunk.text();
        if (chunk.compressed()) {
            int bound = xmp ? limits.maxXmpBytes() : limits.maxTextBytes();
            BoundedInflate inflated = BoundedInflate.of(bytes, bound, what);
            if (inflated.bytes() == null) {
                findings.note(inflated.problem());
                return;
            }
            bytes = inflated.bytes();
        }
        if (xmp) {
            // MetadataBlocks hands over uncompressed iTXt XMP itself; this is the rest, held to the same bound
            if (bytes.length > limits.maxXmpBytes()) {
                findings.note(MetadataBlocks.tooLarge("XMP packet", bytes.length, limits.maxXmpBytes()));
            } else {
                readXmp(bytes, findings);
            }
            return;
        }
        Charset charset = chunk.chunkType().equals("iTXt") ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        String text = new String(bytes, charset);
        if (field.equals(FIELD_PARAMETERS)) {
            A1111Parameters.checkpoint(text).ifPresent(model -> findings.checkpoint(field, model));
            return;
        }
        JsonNode tree = parseJson(text, what, findings);
        if (tree == null) {
            return;
        }
        Set<String> checkpoints = switch (field) {
            case FIELD_PROMPT -> ComfyUiGraph.checkpointsOfPrompt(tree);
            case FIELD_WORKFLOW -> ComfyUiGraph.checkpointsOfWorkflow(tree);
            default -> swarmModel(tree);
        };
        checkpoints.forEach(name -> findings.checkpoint(field, name));
    }

    private static String fieldOf(String keyword) {
        return switch (keyword) {
            case "parameters" -> FIELD_PARAMETERS;
            case "prompt" -> FIELD_PROMPT;
            case "workflow" -> FIELD_WORKFLOW;
            case SWARM_KEYWORD -> FIELD_SWARM;
            default -> null;
        };
    }

    private JsonNode parseJson(String text, String what, Findings findings) {
        try {
            return json.readTree(text);
        } catch (StreamConstraintsException e) {
            findings.note(what + " is over the JSON limits (nesting depth " + limits.maxCborDepth()
                    + ", string length " + limits.maxTextBytes() + "); not read");
        } catch (JacksonException e) {
            findings.note(what + " is not valid JSON; not read");
        }
        return null;
    }

    /** SwarmUI writes {@code {"sui_image_params": {"model": ...}, ...}}; some versions leave out the wrapper. */
    private static Set<String> swarmModel(JsonNode tree) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode params : List.of(tree, tree.path(SWARM_KEYWORD))) {
            JsonNode model = params.path("model");
            if (model.isTextual() && !model.asText().isBlank()) {
                names.add(model.asText().trim());
            }
        }
        return names;
    }

    private void readExif(byte[] tiff, Findings findings) {
        ExifFields exif = ExifFields.read(tiff, limits.maxTextBytes());
        exif.notes().forEach(findings::note);
        exif.software().ifPresent(software ->
                findings.hint(new GeneratorHint(FIELD_SOFTWARE, software, GeneratorNames.ofSoftware(software))));
        exif.userComment().ifPresent(comment -> readUserComment(comment, findings));
    }

    /**
     * Cameras and editors write anything into UserComment (owner names, captions, blanks), so it becomes a hint only
     * when it is Automatic1111's parameters text or names a generator.
     */
    private static void readUserComment(String comment, Findings findings) {
        Optional<String> checkpoint = A1111Parameters.checkpoint(comment);
        if (checkpoint.isPresent()) {
            findings.checkpoint(FIELD_USER_COMMENT, checkpoint.get());
            return;
        }
        String label = GeneratorNames.ofSoftware(comment);
        if (label != null) {
            findings.hint(new GeneratorHint(FIELD_USER_COMMENT, comment, label));
        }
    }

    /** The findings of one read, as they accumulate; bounded, since a hostile workflow can name any number. */
    private static final class Findings {
        private static final int MAX_HINTS = 16;
        private static final int MAX_NOTES = 16;
        private final Set<GeneratorHint> hints = new LinkedHashSet<>();
        private final List<String> notes = new ArrayList<>();
        private String digitalSourceType;

        Findings(List<String> blockNotes) {
            blockNotes.forEach(this::note);
        }

        void note(String note) {
            if (note != null && !notes.contains(note) && notes.size() < MAX_NOTES) {
                notes.add(note);
            }
        }

        void hint(GeneratorHint hint) {
            if (hints.size() < MAX_HINTS) {
                hints.add(hint);
            } else if (!hints.contains(hint)) {
                note("more than " + MAX_HINTS + " generator hints; the rest are not listed");
            }
        }

        /** A name from a generator's own settings: a generator made the image, whichever one the name says. */
        void checkpoint(String field, String name) {
            hint(new GeneratorHint(field, name, GeneratorNames.ofCheckpoint(name)));
        }

        void digitalSourceType(String written) {
            if (digitalSourceType == null) {
                digitalSourceType = written;
            } else if (!digitalSourceType.equals(written)) {
                note("XMP packets disagree on the digital source type; the first is used");
            }
        }

        MetadataFindings result() {
            return new MetadataFindings(Optional.ofNullable(digitalSourceType), List.copyOf(hints), notes);
        }
    }
}
