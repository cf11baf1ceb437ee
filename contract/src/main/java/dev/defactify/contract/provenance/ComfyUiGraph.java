package dev.defactify.contract.provenance;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checkpoint names in the two graphs ComfyUI writes into its PNGs: {@code prompt}, the API format that was run
 * (an object of nodes, each {@code {class_type, inputs}}), and {@code workflow}, the editor's format
 * ({@code nodes[]}, each {@code {type, widgets_values}}). Only loaders of the diffusion model itself count: LoRA,
 * VAE, CLIP, ControlNet and upscaler loaders also take file names, and none of them says which generator ran.
 */
final class ComfyUiGraph {
    /** Inputs that name nothing but a checkpoint or diffusion model, whatever node holds them. */
    private static final List<String> CHECKPOINT_INPUTS = List.of("ckpt_name", "unet_name");
    /** An input name used by many loaders, upscalers among them: trusted only on a checkpoint or UNet loader. */
    private static final String MODEL_INPUT = "model_name";
    /** LiteGraph node modes: 2 is muted ("never"), 4 bypassed; such a loader did not run. */
    private static final int MODE_NEVER = 2;
    private static final int MODE_BYPASS = 4;

    private ComfyUiGraph() {
    }

    static Set<String> checkpointsOfPrompt(JsonNode prompt) {
        Set<String> names = new LinkedHashSet<>();
        if (!prompt.isObject()) {
            return names;
        }
        for (JsonNode node : prompt) {
            JsonNode inputs = node.path("inputs");
            if (!inputs.isObject()) {
                continue;
            }
            for (String input : CHECKPOINT_INPUTS) {
                addText(names, inputs.get(input));
            }
            if (isModelLoader(node.path("class_type").asText(""))) {
                addText(names, inputs.get(MODEL_INPUT));
            }
        }
        return names;
    }

    /** Reads {@code nodes[]} and, for newer workflows with subgraphs, {@code definitions.subgraphs[].nodes[]}. */
    static Set<String> checkpointsOfWorkflow(JsonNode workflow) {
        Set<String> names = new LinkedHashSet<>();
        addWorkflowNodes(names, workflow.path("nodes"));
        for (JsonNode subgraph : workflow.path("definitions").path("subgraphs")) {
            addWorkflowNodes(names, subgraph.path("nodes"));
        }
        return names;
    }

    private static void addWorkflowNodes(Set<String> names, JsonNode nodes) {
        if (!nodes.isArray()) {
            return;
        }
        for (JsonNode node : nodes) {
            int mode = node.path("mode").asInt(0);
            if (!isModelLoader(node.path("type").asText("")) || mode == MODE_NEVER || mode == MODE_BYPASS) {
                continue;
            }
            JsonNode widgets = node.path("widgets_values");
            if (widgets.isArray()) {
                addText(names, weightsWidget(widgets));
            } else if (widgets.isObject()) {
                for (String input : CHECKPOINT_INPUTS) {
                    addText(names, widgets.get(input));
                }
                addText(names, widgets.get(MODEL_INPUT));
            }
        }
    }

    /**
     * The loader's file name: the first widget value naming a weights file, else the first text value. The old
     * CheckpointLoader puts its config file before the checkpoint, which is why the extension is looked at.
     */
    private static JsonNode weightsWidget(JsonNode widgets) {
        JsonNode firstText = null;
        for (JsonNode widget : widgets) {
            if (!widget.isTextual()) {
                continue;
            }
            String lower = widget.asText().toLowerCase(Locale.ROOT);
            if (GeneratorNames.WEIGHT_EXTENSIONS.stream().anyMatch(lower::endsWith)) {
                return widget;
            }
            if (firstText == null) {
                firstText = widget;
            }
        }
        return firstText;
    }

    /** CheckpointLoaderSimple, CheckpointLoader, ImageOnlyCheckpointLoader, UNETLoader, UnetLoaderGGUF and kin. */
    private static boolean isModelLoader(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.contains("loader") && (lower.contains("checkpoint") || lower.contains("unet"));
    }

    private static void addText(Set<String> names, JsonNode value) {
        if (value != null && value.isTextual() && !value.asText().isBlank()) {
            names.add(value.asText().trim());
        }
    }
}
