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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** infra/start-training-run needs AWS to run; offline it is checked for syntax, its usage path and its parameters. */
class StartTrainingRunScriptTest {

  static final Path SCRIPT = Path.of("start-training-run");

  @Test
  void passesBashSyntaxCheck() throws Exception {
    Bash.Result result = Bash.syntaxCheck(SCRIPT);
    assertEquals(0, result.exitCode(), result.output());
  }

  @Test
  void isExecutableAndStrict() throws IOException {
    assertTrue(Files.isExecutable(SCRIPT));
    String text = Files.readString(SCRIPT);
    assertTrue(text.startsWith("#!/usr/bin/env bash\n"));
    assertTrue(text.contains("\nset -euo pipefail\n"));
    assertTrue(text.contains("scripts/with-jdk ./mvnw -B -q -DskipTests -Pcuda package -pl training -am"));
    assertTrue(text.contains("aws cloudformation deploy"));
  }

  @Test
  void helpPrintsUsageAndMissingArgumentsAreRefusedBeforeAnyAwsCall() throws Exception {
    Bash.Result help = Bash.run(List.of("bash", SCRIPT.toString(), "--help"));
    assertEquals(0, help.exitCode(), help.output());
    assertTrue(help.output().startsWith("usage: infra/start-training-run"));
    Bash.Result missing = Bash.run(List.of("bash", SCRIPT.toString(), "--run", "r1"));
    assertEquals(2, missing.exitCode(), missing.output());
    assertTrue(missing.output().contains("are required"));
    Bash.Result badRun = Bash.run(List.of("bash", SCRIPT.toString(), "--run", "Bad_Name", "--config", "pom.xml",
        "--artifact-bucket", "artifacts", "--dataset", "s3://data-bucket/d/", "--models", "s3://models-bucket/m/"));
    assertEquals(2, badRun.exitCode(), badRun.output());
    assertTrue(badRun.output().contains("--run must be"));
    Bash.Result wholeBucket = Bash.run(List.of("bash", SCRIPT.toString(), "--run", "r1", "--config", "pom.xml",
        "--artifact-bucket", "artifacts", "--dataset", "s3://data-bucket/", "--models", "s3://models-bucket/m/"));
    assertEquals(2, wholeBucket.exitCode(), wholeBucket.output());
    assertTrue(wholeBucket.output().contains("--dataset must look like s3://bucket/prefix/"));
  }

  @Test
  void deploysEveryRequiredTemplateParameterAndNoUnknownOne() throws IOException {
    String text = Files.readString(SCRIPT);
    Set<String> passed = new TreeSet<>();
    Matcher matcher = Pattern.compile("(?m)^\\s+\"(\\w+)=\\$\\w+\"").matcher(text);
    while (matcher.find()) {
      passed.add(matcher.group(1));
    }
    Map<String, Object> parameters = map(CloudFormationYaml.load(TrainingRunTemplateTest.TEMPLATE).get("Parameters"));
    Set<String> required = new TreeSet<>();
    parameters.forEach((name, spec) -> {
      if (!map(spec).containsKey("Default")) {
        required.add(name);
      }
    });
    assertTrue(parameters.keySet().containsAll(passed), "unknown parameters: " + passed);
    assertTrue(passed.containsAll(required), "missing required parameters; passed " + passed);
  }
}
