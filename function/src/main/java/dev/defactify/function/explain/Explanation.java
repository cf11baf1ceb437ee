package dev.defactify.function.explain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * What {@code explain=true} adds to a response, serialised by Jackson as:
 * <pre>{@code
 * {"method": "cam", "target": "ai-generated",
 *  "grid": {"rows": 7, "cols": 7, "aiProbabilities": [[0.12, ...], ...],
 *           "minAiProbability": 0.03, "maxAiProbability": 0.97},
 *  "overlayPng": "iVBORw0KGgo..."}
 * }</pre>
 *
 * @param method     how the map was made: {@code "cam"}, a class activation map (the binary head's weights applied
 *                   to each cell of the last conv stage instead of to their average)
 * @param target     the output explained: {@code "ai-generated"}, the {@code ai_logit} head
 * @param grid       the map at feature resolution; see {@link Grid}
 * @param overlayPng base64 PNG (standard alphabet, no line breaks) of the heat map blended over the square crop
 *                   the model saw, at that crop's size; dark means "looks real", pale yellow "looks AI-generated"
 */
@JsonPropertyOrder({"method", "target", "grid", "overlayPng"})
public record Explanation(String method, String target, Grid grid, String overlayPng) {
    public static final String METHOD_CAM = "cam";
    public static final String TARGET_AI_GENERATED = "ai-generated";

    public Explanation {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(overlayPng, "overlayPng");
    }

    /** A CAM explanation of the AI-generated head from its map and the rendered overlay. */
    public static Explanation cam(ActivationMap map, String overlayPng) {
        return new Explanation(METHOD_CAM, TARGET_AI_GENERATED, Grid.of(map), overlayPng);
    }

    /**
     * The activation map at feature resolution.
     *
     * @param rows             grid height; row 0 is the top of the crop
     * @param cols             grid width; column 0 is the left edge of the crop
     * @param aiProbabilities  {@code rows} arrays of {@code cols} values in [0, 1], 4 decimals: the sigmoid of each
     *                         cell's contribution to ai_logit, i.e. how AI-generated that region alone looks
     * @param minAiProbability smallest cell value
     * @param maxAiProbability largest cell value
     */
    @JsonPropertyOrder({"rows", "cols", "aiProbabilities", "minAiProbability", "maxAiProbability"})
    public record Grid(int rows, int cols, List<List<Double>> aiProbabilities, double minAiProbability,
                       double maxAiProbability) {

        public Grid {
            aiProbabilities = List.copyOf(Objects.requireNonNull(aiProbabilities, "aiProbabilities"));
        }

        static Grid of(ActivationMap map) {
            return new Grid(map.rows(), map.cols(), map.probabilities(), map.minProbability(),
                    map.maxProbability());
        }
    }
}
