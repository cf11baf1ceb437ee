package dev.defactify.training.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.defactify.training.augment.AugmentationConfig;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A training config written as a file: YAML or JSON (one parser, since YAML is a superset of JSON) whose keys are
 * {@link TrainingConfig}'s fields, with {@code augmentation} a nested block of {@link AugmentationConfig}'s.
 * The {@code config} block of a run.json or of a model manifest's {@code training} section is such a file, so a
 * run can be repeated from what it recorded. Unknown keys are refused by name: a misspelt key silently ignored
 * would train something other than what the file says.
 */
public final class TrainingConfigFile {
    private static final String AUGMENTATION = "augmentation";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final ObjectMapper json = new ObjectMapper()
            // a missing number reads as 0, which TrainingConfig then refuses by name ("epochs must be >= 1")
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The file's settings, checked for unknown keys; nothing is defaulted yet. */
    public ObjectNode read(Path file) throws IOException {
        JsonNode tree;
        try {
            tree = yaml.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot parse training config " + file + ": " + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return json.createObjectNode();
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new IllegalArgumentException("training config " + file + " must be a mapping of field: value, got "
                    + tree.getNodeType());
        }
        checkKeys(object, TrainingConfig.class, "", file);
        if (object.get(AUGMENTATION) instanceof ObjectNode augmentation) {
            checkKeys(augmentation, AugmentationConfig.class, AUGMENTATION + ".", file);
        } else if (object.has(AUGMENTATION) && !object.get(AUGMENTATION).isNull()) {
            throw new IllegalArgumentException("'augmentation' in " + file + " must be a mapping of field: value");
        }
        return object;
    }

    /**
     * Layers settings, later layers winning key by key ({@code augmentation} merged field by field): typically the
     * command line's defaults, then the file, then the options given explicitly on the command line.
     */
    public ObjectNode merge(List<ObjectNode> layers) {
        ObjectNode merged = json.createObjectNode();
        for (ObjectNode layer : layers) {
            layer.properties().forEach(entry -> {
                if (entry.getValue() instanceof ObjectNode nested && merged.get(entry.getKey()) instanceof ObjectNode base) {
                    ObjectNode combined = base.deepCopy();
                    combined.setAll(nested);
                    merged.set(entry.getKey(), combined);
                } else {
                    merged.set(entry.getKey(), entry.getValue().deepCopy());
                }
            });
        }
        return merged;
    }

    /** The config the merged settings describe; its constructor reports every invalid value at once. */
    public TrainingConfig toConfig(ObjectNode settings) {
        ObjectNode normalised = settings.deepCopy();
        // the CLI's spellings ("adamw", "pos-weight") as well as the enum names run.json records ("POS_WEIGHT")
        if (normalised.get("optimizer") instanceof TextNode text) {
            normalised.put("optimizer", OptimizerKind.parse(text.asText()).name());
        }
        if (normalised.get("balance") instanceof TextNode text) {
            normalised.put("balance", ClassBalance.parse(text.asText().replace('_', '-')).name());
        }
        try {
            return json.treeToValue(normalised, TrainingConfig.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException invalid) {
                throw invalid;
            }
            throw new IllegalArgumentException("invalid training config: " + e.getOriginalMessage(), e);
        }
    }

    /** Settings as a tree, for building the command line's layers. */
    public ObjectNode tree(Map<String, ?> settings) {
        return json.valueToTree(settings);
    }

    private static void checkKeys(ObjectNode node, Class<? extends Record> type, String prefix, Path file) {
        Set<String> known = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        if (type == AugmentationConfig.class) {
            known.add("name"); // derived, written into run.json; ignored on reading
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown key '" + prefix + name + "' in training config " + file
                        + "; known keys: " + String.join(", ", known));
            }
        }
    }
}
