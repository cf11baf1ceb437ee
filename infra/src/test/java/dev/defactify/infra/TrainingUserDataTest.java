package dev.defactify.infra;

import dev.defactify.testing.cloudformation.CloudFormationYaml;

import static dev.defactify.infra.TemplateNodes.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user data lives inline in the template (one source of truth); these tests take it out, perform Fn::Sub on it
 * the way CloudFormation will, and check what the instance will actually run.
 */
class TrainingUserDataTest {

  static String raw;
  static String script;

  @BeforeAll
  static void extract() throws IOException {
    raw = rawUserData();
    script = substituted(Map.of());
  }

  static String rawUserData() throws IOException {
    Map<String, Object> resources = map(CloudFormationYaml.load(TrainingRunTemplateTest.TEMPLATE).get("Resources"));
    Map<String, Object> data = map(map(map(resources.get("RunLaunchTemplate")).get("Properties"))
        .get("LaunchTemplateData"));
    Map<String, Object> base64 = map(data.get("UserData"));
    return (String) map(base64.get("Fn::Base64")).get("Fn::Sub");
  }

  /**
   * The user data as CloudFormation will hand it to the instance: parameters take their defaults (or sample-name
   * when they have none) unless given in overrides; resources and pseudo parameters get placeholder values.
   */
  static String substituted(Map<String, String> overrides) throws IOException {
    Map<String, Object> template = CloudFormationYaml.load(TrainingRunTemplateTest.TEMPLATE);
    Map<String, Object> parameters = map(template.get("Parameters"));
    Map<String, Object> resources = map(template.get("Resources"));
    Function<String, String> values = name -> {
      if (overrides.containsKey(name)) {
        return overrides.get(name);
      }
      if (parameters.containsKey(name)) {
        Object fallback = map(parameters.get(name)).get("Default");
        return fallback != null ? String.valueOf(fallback) : "sample-" + name.toLowerCase();
      }
      if (resources.containsKey(name)) {
        return "resource-" + name;
      }
      return TemplateNodes.PSEUDO_PARAMETERS.contains(name) ? "pseudo" : null;
    };
    return CloudFormationYaml.substitute(rawUserData(), values);
  }

  @Test
  void startsWithBashInStrictMode() {
    assertTrue(script.startsWith("#!/bin/bash\n"), "shebang first");
    assertTrue(Pattern.compile("(?m)^set -euo pipefail$").matcher(script).find());
  }

  @Test
  void passesBashSyntaxCheckAfterSubstitution(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("user-data.sh");
    Files.writeString(file, script);
    Bash.Result result = Bash.syntaxCheck(file);
    assertEquals(0, result.exitCode(), result.output());
  }

  @Test
  void usesNoBashBracesThatFnSubWouldSwallow() {
    // Every ${...} in the raw text is a template name (checked by the template test) or an explicit ${!literal};
    // this guards against a bash ${var} slipping in and being resolved, or rejected, by CloudFormation.
    assertTrue(CloudFormationYaml.variables(raw).stream().noneMatch(v -> v.equals(v.toLowerCase())),
        "lower-case Fn::Sub names look like bash variables: " + CloudFormationYaml.variables(raw));
  }

  @Test
  void trainsOnTheGpuThenEvaluatesExportsAndPublishesInThatOrder() {
    List<String> lines = script.lines().toList();
    int train = indexOf(lines, "step \"train\" $cli train --config ");
    int evaluate = indexOf(lines, "step \"evaluate\" $cli evaluate ");
    int export = indexOf(lines, "step \"export\" $cli export ");
    int publish = indexOf(lines, "step \"publish\" $cli publish ");
    assertTrue(train < evaluate && evaluate < export && export < publish, "order");
    assertTrue(lines.get(train).contains("--device gpu"), lines.get(train));
    assertTrue(lines.get(evaluate).contains("--robustness"), lines.get(evaluate));
    assertTrue(lines.get(publish).contains("--to $models_uri"), lines.get(publish));
    assertTrue(script.contains("models_uri=s3://sample-modelsbucket/models/defactifynet/"));
    assertTrue(lines.get(indexOf(lines, "cli=")).contains("-Dai.djl.offline=$djl_offline"));
  }

  @Test
  void anyExitUploadsTheLogAndPowersOff() {
    String finish = script.substring(script.indexOf("finish() {"), script.indexOf("trap finish EXIT"));
    assertTrue(script.indexOf("trap finish EXIT") < script.indexOf("step \"train\""), "trap set before the work");
    assertTrue(finish.contains("set +e"), "a failed upload must not skip the power-off");
    assertTrue(finish.contains("aws s3 cp $log $runs_uri/train.log"), "final log upload");
    assertTrue(finish.contains("$runs_uri/report"), "report upload");
    assertTrue(finish.strip().endsWith("shutdown -h now\n}".strip()), "power-off is the last thing: " + finish);
    assertTrue(script.contains("trap on_signal TERM INT"), "signals end in the EXIT trap too");
    assertTrue(script.contains("runs_uri=s3://sample-modelsbucket/models/runs/sample-runname"));
  }

  @Test
  void watchdogStopsTheRunAfterMaxHours() {
    assertTrue(raw.contains("sleep $((${MaxHours} * 3600))"), "soft watchdog");
    assertTrue(raw.contains("kill -TERM $$"), "soft watchdog signals the script");
    assertTrue(raw.contains("shutdown -h +$((${MaxHours} * 60 + 20))"), "hard backstop");
  }

  @Test
  void djlDownloadsCudaLibtorchUnlessAPreparedCacheIsGiven() {
    assertTrue(raw.contains("if [ -n \"${DjlCacheKey}\" ]; then"), raw);
    assertTrue(script.contains("djl_offline=true"));
    assertTrue(script.contains("djl_offline=false"));
    assertTrue(script.contains("export PYTORCH_FLAVOR=cu128"));
    assertTrue(script.contains("grep -q '^pytorch-native-cpu'"), "a CPU bundle is refused");
  }

  @Test
  void datasetIsSyncedFromItsPrefix() {
    assertTrue(raw.contains("aws s3 sync s3://${DatasetBucket}/${DatasetPrefix} $data_dir"));
  }

  @Test
  void javaComesFromTheBundleThePathOrCorrettoRepositories() {
    assertTrue(script.contains("java-21-amazon-corretto-jdk"), "apt: Corretto's repository");
    assertTrue(script.contains("https://apt.corretto.aws"));
    assertTrue(script.contains("$work/bundle/jdk/bin/java"));
  }

  private static int indexOf(List<String> lines, String start) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().startsWith(start)) {
        return i;
      }
    }
    throw new AssertionError("no line starts with: " + start);
  }
}
