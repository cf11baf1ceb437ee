package dev.defactify.infra;

import dev.defactify.testing.cloudformation.CloudFormationYaml;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/** Navigation over a template read by CloudFormationYaml: plain maps, lists and strings. */
final class TemplateNodes {
  static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
      "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

  private TemplateNodes() {}

  /**
   * Every Ref, Fn::Sub variable, Fn::GetAtt and condition that names nothing the template defines (parameters,
   * resources, pseudo parameters, conditions). {@code aliases} are the {@code Function.Alias} names SAM's transform
   * defines for functions with an AutoPublishAlias; any other {@code .Alias} reference is undefined.
   */
  static List<String> undefinedReferences(Map<String, Object> template, Set<String> aliases) {
    Set<String> names = new HashSet<>(map(template.get("Parameters")).keySet());
    Map<String, Object> resources = map(template.get("Resources"));
    Map<String, Object> conditions = map(template.getOrDefault("Conditions", Map.of()));
    names.addAll(resources.keySet());
    names.addAll(PSEUDO_PARAMETERS);
    List<String> problems = new ArrayList<>();
    walk(template, (key, value) -> {
      if (key.equals("Ref") && !names.contains(value) && !aliases.contains(value)) {
        problems.add("Ref " + value);
      }
      if (key.equals("Fn::Sub")) {
        String text = value instanceof List<?> list ? (String) list.get(0) : (String) value;
        for (String variable : CloudFormationYaml.variables(text)) {
          boolean dotted = variable.contains(".") && !variable.startsWith("AWS::");
          String head = dotted ? variable.substring(0, variable.indexOf('.')) : variable;
          if (!names.contains(head) || dotted && variable.endsWith(".Alias") && !aliases.contains(variable)) {
            problems.add("Sub ${" + variable + "}");
          }
        }
      }
      if (key.equals("Fn::GetAtt") && !resources.containsKey(((List<?>) value).get(0))) {
        problems.add("GetAtt " + value);
      }
      if ((key.equals("Condition") && value instanceof String name && !conditions.containsKey(name))
          || (key.equals("Fn::If") && !conditions.containsKey(((List<?>) value).get(0)))) {
        problems.add("condition " + value);
      }
    });
    return problems;
  }

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
