package dev.defactify.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Navigation over a template read by CloudFormationYaml: plain maps, lists and strings. */
final class TemplateNodes {
  private TemplateNodes() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  /** A scalar or a list of scalars, as IAM's Action and Resource allow either. */
  static List<String> strings(Object value) {
    List<String> strings = new ArrayList<>();
    for (Object item : value instanceof List<?> list ? list : List.of(value)) {
      strings.add((String) item);
    }
    return strings;
  }

  /** Calls visitor for every key/value pair of every mapping in the tree. */
  static void walk(Object node, BiConsumer<String, Object> visitor) {
    if (node instanceof Map<?, ?> mapping) {
      mapping.forEach((key, value) -> {
        visitor.accept(String.valueOf(key), value);
        walk(value, visitor);
      });
    } else if (node instanceof List<?> list) {
      list.forEach(item -> walk(item, visitor));
    }
  }
}
