package dev.defactify.testing.cloudformation;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation YAML into plain maps and lists. The short-form intrinsics are YAML tags, which a plain YAML
 * reader refuses; here each becomes the long form CloudFormation itself turns it into ({@code !Sub x} is
 * {@code {"Fn::Sub": x}}), so the tests can look at a template exactly as the service will.
 */
public final class CloudFormationYaml {

  /** Tag name to long-form key. !Ref and !Condition are the two that keep no "Fn::" prefix. */
  public static final Map<String, String> SHORT_FORMS = shortForms();

  private CloudFormationYaml() {}

  private static Map<String, String> shortForms() {
    Map<String, String> forms = new LinkedHashMap<>();
    forms.put("!Ref", "Ref");
    forms.put("!Condition", "Condition");
    for (String fn : List.of("Sub", "GetAtt", "Join", "If", "Equals", "Not", "Select", "Split", "FindInMap",
        "Base64", "And", "Or", "ImportValue", "GetAZs", "Cidr")) {
      forms.put("!" + fn, "Fn::" + fn);
    }
    return Map.copyOf(forms);
  }

  public static Map<String, Object> load(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(Object source) {
    Yaml yaml = new Yaml(new IntrinsicConstructor(new LoaderOptions()));
    Object document = source instanceof Reader reader ? yaml.load(reader) : yaml.load((String) source);
    return (Map<String, Object>) document;
  }

  private static final class IntrinsicConstructor extends SafeConstructor {
    IntrinsicConstructor(LoaderOptions options) {
      super(options);
      SHORT_FORMS.forEach((tag, key) -> yamlConstructors.put(new Tag(tag), new Intrinsic(key)));
    }

    private final class Intrinsic extends AbstractConstruct {
      private final String key;

      Intrinsic(String key) {
        this.key = key;
      }

      @Override
      public Object construct(Node node) {
        Object value;
        if (node instanceof ScalarNode scalar) {
          String text = constructScalar(scalar);
          // The short !GetAtt takes "Resource.Attribute"; the long form is a two-element list.
          value = key.equals("Fn::GetAtt") ? List.of(text.split("\\.", 2)) : text;
        } else if (node instanceof SequenceNode sequence) {
          value = constructSequence(sequence);
        } else {
          value = constructMapping((MappingNode) node);
        }
        Map<String, Object> intrinsic = new LinkedHashMap<>();
        intrinsic.put(key, value);
        return intrinsic;
      }
    }
  }

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

  /**
   * Performs Fn::Sub on a string: {@code ${!x}} stays literal as {@code ${x}}, every other {@code ${name}} is
   * replaced by {@code values.apply(name)}, which returns null for a name the template does not define.
   *
   * @throws IllegalArgumentException naming the first undefined variables
   */
  public static String substitute(String text, Function<String, String> values) {
    Matcher matcher = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    List<String> unknown = new ArrayList<>();
    while (matcher.find()) {
      String name = matcher.group(1);
      String replacement;
      if (name.startsWith("!")) {
        replacement = "${" + name.substring(1) + "}";
      } else {
        replacement = values.apply(name);
        if (replacement == null) {
          unknown.add(name);
          replacement = "";
        }
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("undefined Fn::Sub variables: " + unknown);
    }
    return out.toString();
  }

  /** The names in a Sub string, literals ({@code ${!x}}) excluded. */
  public static List<String> variables(String text) {
    List<String> names = new ArrayList<>();
    Matcher matcher = VARIABLE.matcher(text);
    while (matcher.find()) {
      if (!matcher.group(1).startsWith("!")) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }
}
