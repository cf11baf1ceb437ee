package dev.defactify.contract.provenance;

import dev.defactify.contract.label.SourceLabel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps a name found in metadata (a checkpoint file, a software name) to a source label slug. A label is given only
 * when the name makes the model certain: a hint feeds the attribution answer, and a wrong "this is SDXL" is worse
 * than "some other generator". A name that matches two families is not certain either.
 */
final class GeneratorNames {
    private static final List<Family> FAMILIES = List.of(
            new Family(SourceLabel.SDXL, Pattern.compile("sd_xl|sdxl|stable[-_ ]?diffusion[-_ ]?xl")),
            // The sd3 class is SD3 (medium); SD 3.5 is a later, retrained family (large, large-turbo, medium-3.5)
            // whose images we have never seen labelled as sd3, so its names are excluded here and fall through to
            // other-generator rather than claiming a label we cannot stand behind.
            new Family(SourceLabel.SD3, Pattern.compile(
                    "(?<![a-z0-9])sd3(?![0-9.]|[_-]5(?![0-9]))|stable[-_ ]?diffusion[-_ ]?3(?![0-9.]|[-_]5(?![0-9]))")),
            new Family(SourceLabel.SD21, Pattern.compile(
                    "v2-1_|sd21|sd2\\.1|sd2-1|stable[-_ ]?diffusion[-_ ]?2[-_.]1")),
            new Family(SourceLabel.DALLE3, Pattern.compile("dall[-\u00b7_ ]?e[-_ ]?3(?![0-9])")),
            // v6.1 and later are separate releases; only v6 (or 6.0) is the midjourney6 class.
            new Family(SourceLabel.MIDJOURNEY6, Pattern.compile(
                    "midjourney.{0,12}?(?<![0-9.])v?(?:ersion ?)?6(?:\\.0)?(?![0-9]|\\.[0-9])")));

    /**
     * Software and service names of image generators, matched as whole words. Names that are also ordinary words
     * ("imagen" is Spanish for image, "flux" and "firefly" name other software) count only with their maker or
     * version beside them, so an editor or a camera never reads as a generator.
     */
    private static final Pattern GENERATOR_SOFTWARE = Pattern.compile("\\b(?:"
            + "midjourney|dall[-\u00b7]?e|stable[- ]?diffusion|comfyui|automatic1111|a1111|stable-diffusion-webui"
            + "|invokeai|fooocus|swarmui|novelai|adobe firefly|google imagen|imagen ?[0-9]|black forest labs"
            + "|flux\\.[0-9]|flux[- ](?:dev|schnell|pro|kontext)|leonardo\\.ai|ideogram|dreamstudio|craiyon"
            + "|nightcafe|bing image creator|kandinsky|playground ?v[0-9]|recraft)\\b");

    /** The file endings of model weights, which say nothing about the model. */
    static final List<String> WEIGHT_EXTENSIONS =
            List.of(".safetensors", ".ckpt", ".pt", ".pth", ".bin", ".gguf", ".sft");

    private GeneratorNames() {
    }

    /**
     * The label of a checkpoint or model named in a generator's own settings (A1111 parameters, ComfyUI, SwarmUI):
     * the field already says a generator made the image, so an unknown name is {@code other-generator}.
     */
    static String ofCheckpoint(String name) {
        String family = family(fileName(name));
        return family != null ? family : GeneratorHint.OTHER_GENERATOR;
    }

    /**
     * The label of a software name (EXIF Software, XMP CreatorTool, a comment): a slug when it names one of our
     * generators for certain, {@code other-generator} for another generator, null for everything else (editors,
     * camera firmware), which is still worth reporting but says nothing about generation.
     */
    static String ofSoftware(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String family = family(lower);
        if (family != null) {
            return family;
        }
        return GENERATOR_SOFTWARE.matcher(lower).find() ? GeneratorHint.OTHER_GENERATOR : null;
    }

    private static String family(String lowerName) {
        List<String> matches = new ArrayList<>();
        for (Family family : FAMILIES) {
            if (family.pattern.matcher(lowerName).find()) {
                matches.add(family.label.slug());
            }
        }
        return matches.size() == 1 ? matches.getFirst() : null;
    }

    /**
     * The last path segment without a weights extension, lower case. Folders are the user's own filing (a
     * "SDXL/" folder may hold anything), so only the file's own name counts.
     */
    private static String fileName(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        int slash = Math.max(lower.lastIndexOf('/'), lower.lastIndexOf('\\'));
        String file = lower.substring(slash + 1);
        for (String extension : WEIGHT_EXTENSIONS) {
            if (file.endsWith(extension)) {
                return file.substring(0, file.length() - extension.length());
            }
        }
        return file;
    }

    private record Family(SourceLabel label, Pattern pattern) {
    }
}
