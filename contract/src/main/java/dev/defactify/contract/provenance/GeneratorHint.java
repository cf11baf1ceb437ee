package dev.defactify.contract.provenance;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What one metadata field says about the software that made the image.
 *
 * @param field where it was read: {@code png:parameters}, {@code png:prompt}, {@code png:workflow},
 *              {@code png:sui_image_params}, {@code exif:Software}, {@code exif:UserComment}, {@code xmp:CreatorTool}
 * @param value what it named (a checkpoint file, a software name), at most 200 characters
 * @param label a source label slug when the name makes the generator certain ({@code sdxl}, {@code sd3}, ...),
 *              {@code other-generator} for a generator outside the five, null when the field names software that is
 *              no generator (an editor, a camera's firmware)
 */
public record GeneratorHint(String field, String value,
                            @Schema(nullable = true, description = "a source label when the name makes the generator"
                                    + " certain, `other-generator`, or null for software that is no generator")
                            String label) {
    public static final String OTHER_GENERATOR = "other-generator";
    public static final int MAX_VALUE_LENGTH = 200;

    public GeneratorHint {
        value = shortened(value);
    }

    /** Text from a file cut to what an answer reports of it (every name and code the provenance block echoes). */
    static String shortened(String text) {
        return text == null || text.length() <= MAX_VALUE_LENGTH ? text : text.substring(0, MAX_VALUE_LENGTH);
    }

    /** True when the hint names a generator (one of ours or another). */
    public boolean namesGenerator() {
        return label != null;
    }
}
