package dev.defactify.training.weights;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed and validated safetensors header: every entry is well-formed, its byte range matches its
 * shape and dtype, lies inside the data section and overlaps no other entry.
 */
record SafetensorsHeader(List<TensorEntry> entries, Map<String, String> metadata) {

    static final String METADATA_KEY = "__metadata__";

    /** Java arrays are indexed by int, and the JVM reserves a few slots below Integer.MAX_VALUE. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    SafetensorsHeader {
        entries = List.copyOf(entries);
        metadata = Map.copyOf(metadata);
    }

    /**
     * @param source   how to name the file in error messages
     * @param dataSize bytes after the header, which every offset must fit into
     */
    static SafetensorsHeader parse(byte[] json, String source, long dataSize) {
        JsonNode root = readJson(json, source);
        if (!root.isObject()) {
            throw SafetensorsException.inFile(source, "header is not a JSON object but " + root.getNodeType());
        }
        List<TensorEntry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals(METADATA_KEY)) {
                metadata.putAll(parseMetadata(field.getValue(), source));
            } else {
                entries.add(parseEntry(field.getKey(), field.getValue(), source, dataSize));
            }
        }
        rejectOverlaps(entries, source);
        return new SafetensorsHeader(entries, metadata);
    }

    private static JsonNode readJson(byte[] json, String source) {
        // Duplicate names would silently shadow a tensor, trailing tokens mean a corrupt length prefix.
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        try {
            return mapper.readTree(json);
        } catch (JacksonException e) {
            throw new SafetensorsException(source + ": header is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new SafetensorsException(source + ": cannot parse header: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> parseMetadata(JsonNode node, String source) {
        if (!node.isObject()) {
            throw SafetensorsException.inFile(source, METADATA_KEY + " is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getValue().isTextual()) {
                throw SafetensorsException.inFile(source, METADATA_KEY + " value for '" + field.getKey()
                        + "' is not a string but " + field.getValue().getNodeType());
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
        return metadata;
    }

    private static TensorEntry parseEntry(String name, JsonNode node, String source, long dataSize) {
        if (!node.isObject()) {
            throw SafetensorsException.inTensor(source, name, "description is not a JSON object");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw SafetensorsException.inTensor(source, name, "missing or non-string \"dtype\"");
        }
        String code = dtypeNode.textValue();
        Dtype dtype = Dtype.fromCode(code).orElseThrow(() -> SafetensorsException.inTensor(source, name,
                "unsupported dtype '" + code + "' (supported: " + Dtype.supportedCodes() + ")"));
        long[] shape = nonNegativeLongs(node.get("shape"), "shape", -1, name, source);
        long[] offsets = nonNegativeLongs(node.get("data_offsets"), "data_offsets", 2, name, source);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw SafetensorsException.inTensor(source, name, "data_offsets begin " + begin + " > end " + end);
        }
        long elements = checkedElementCount(shape, name, source);
        long expectedBytes = elements * dtype.byteSize();
        if (end - begin != expectedBytes) {
            throw SafetensorsException.inTensor(source, name, "data_offsets [" + begin + ", " + end + "] span "
                    + (end - begin) + " bytes but " + elements + " x " + dtype + " needs " + expectedBytes);
        }
        if (end > dataSize) {
            throw SafetensorsException.inTensor(source, name, "data_offsets end " + end
                    + " exceeds the data section of " + dataSize + " bytes (truncated file?)");
        }
        return new TensorEntry(name, dtype, shape, begin, end);
    }

    private static long checkedElementCount(long[] shape, String name, String source) {
        try {
            long elements = NamedTensor.elementCount(shape);
            if (elements <= MAX_ELEMENTS) {
                return elements;
            }
        } catch (ArithmeticException overflow) {
            // reported below, like any other count too large for one array
        }
        throw SafetensorsException.inTensor(source, name, "shape has more than " + MAX_ELEMENTS + " elements");
    }

    /** @param expectedLength the required array length, or -1 for any */
    private static long[] nonNegativeLongs(JsonNode node, String key, int expectedLength, String name, String source) {
        if (node == null || !node.isArray() || (expectedLength >= 0 && node.size() != expectedLength)) {
            String wanted = expectedLength >= 0 ? "an array of " + expectedLength + " integers" : "an array of integers";
            throw SafetensorsException.inTensor(source, name, "\"" + key + "\" must be " + wanted);
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode element = node.get(i);
            if (!element.isIntegralNumber() || !element.canConvertToLong() || element.longValue() < 0) {
                throw SafetensorsException.inTensor(source, name,
                        "\"" + key + "\" holds " + element + ", not a non-negative integer");
            }
            values[i] = element.longValue();
        }
        return values;
    }

    private static void rejectOverlaps(List<TensorEntry> entries, String source) {
        // Empty tensors occupy no bytes, so wherever they point they cannot clash with real data.
        List<TensorEntry> byOffset = entries.stream()
                .filter(entry -> entry.byteLength() > 0)
                .sorted(Comparator.comparingLong(TensorEntry::begin))
                .toList();
        for (int i = 1; i < byOffset.size(); i++) {
            TensorEntry previous = byOffset.get(i - 1);
            TensorEntry current = byOffset.get(i);
            if (current.begin() < previous.end()) {
                throw SafetensorsException.inTensor(source, current.name(), "data_offsets [" + current.begin()
                        + ", " + current.end() + "] overlap tensor '" + previous.name() + "' at ["
                        + previous.begin() + ", " + previous.end() + "]");
            }
        }
    }
}
