package dev.defactify.infra;

import dev.defactify.testing.cloudformation.CloudFormationYaml;

import static dev.defactify.infra.TemplateNodes.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * infra/start-training-run needs AWS to run; offline it is checked for syntax, its usage path and its parameters, and
 * its AWS decisions are run against a fake AWS CLI (src/test/bash/fake-aws, first on PATH) that records the calls and
 * answers from files: the tests named "...AgainstFakeAws" show which calls the script makes, not what AWS does.
 */
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

  // --- against the fake AWS CLI ---

  static final String RUNS = "s3://models-bucket/models/runs/r1/";

  static Map<String, String> oldParameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("RunName", "r1");
    parameters.put("ImageId", "/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-ubuntu-22.04/latest/ami-id");
    parameters.put("InstanceType", "g5.4xlarge");
    parameters.put("MarketType", "spot");
    parameters.put("SubnetId", "");
    parameters.put("VpcId", "");
    parameters.put("RootVolumeGiB", "150");
    parameters.put("ArtifactBucket", "artifacts");
    parameters.put("BundleKey", "training-runs/r1/defactify-training-bundle.tar.gz");
    parameters.put("ConfigKey", "training-runs/r1/production.yaml");
    parameters.put("PretrainedWeightsKey", "");
    parameters.put("PretrainedWeightsUrl", "https://huggingface.co/timm/resnet50.tv_in1k/resolve/main/model.safetensors");
    parameters.put("DjlCacheKey", "None");
    parameters.put("DatasetBucket", "data-bucket");
    parameters.put("DatasetPrefix", "datasets/ms-cocoai/");
    parameters.put("ModelsBucket", "models-bucket");
    parameters.put("ModelsPrefix", "models/");
    parameters.put("MaxHours", "8");
    parameters.put("LogRetentionDays", "30");
    return parameters;
  }

  /** The run r1 as an interrupted spot run leaves it: stack in place, instance terminated, state and log in S3. */
  static FakeAws interruptedRun(Path dir) throws IOException {
    FakeAws aws = new FakeAws(dir);
    aws.stack(oldParameters(), Map.of("InstanceId", "i-0old000000000000"));
    aws.put(RUNS + "train.log", "epoch 3/10 ...\n");
    aws.put(RUNS + "exit-status", "143\n");
    aws.put(RUNS + "state/snapshot.tar", "a tar");
    return aws;
  }

  static Bash.Result start(FakeAws aws, String... arguments) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(arguments));
    return Bash.run(command, aws.environment());
  }

  static final String[] NEW_RUN = {"--run", "r1", "--config", "pom.xml", "--artifact-bucket", "artifacts",
      "--dataset", "s3://data-bucket/datasets/ms-cocoai/", "--models", "s3://models-bucket/models/", "--skip-build"};

  @Test
  void withoutResumeAnExistingStackIsRefusedNamingResumeAgainstFakeAws(@TempDir Path dir) throws Exception {
    FakeAws aws = interruptedRun(dir);
    Bash.Result result = start(aws, NEW_RUN);
    assertEquals(2, result.exitCode(), result.output());
    assertTrue(result.output().contains("stack defactify-train-r1 exists already"), result.output());
    assertTrue(result.output().contains("pass --resume"), result.output());
    assertTrue(aws.calls().stream().noneMatch(c -> c.startsWith("cloudformation deploy") || c.startsWith("s3 cp /")),
        aws.calls().toString());
  }

  @Test
  void withoutResumeARunPrefixLeftByAnEarlierRunIsRefusedAgainstFakeAws(@TempDir Path dir) throws Exception {
    FakeAws aws = new FakeAws(dir);
    aws.put(RUNS + "state/snapshot.tar", "a tar");
    Bash.Result result = start(aws, NEW_RUN);
    assertEquals(2, result.exitCode(), result.output());
    assertTrue(result.output().contains(RUNS + " holds an earlier run of that name"), result.output());
    assertTrue(aws.calls().stream().noneMatch(c -> c.startsWith("cloudformation deploy")), aws.calls().toString());
  }

  @Test
  void resumeRefusesARunThatFinishedAgainstFakeAws(@TempDir Path dir) throws Exception {
    for (String status : List.of("0", "3")) {
      FakeAws aws = interruptedRun(dir.resolve("status-" + status));
      aws.put(RUNS + "exit-status", status + "\n");
      Bash.Result result = start(aws, "--resume", "--run", "r1");
      assertEquals(2, result.exitCode(), result.output());
      assertTrue(result.output().contains("nothing to resume"), result.output());
      assertTrue(result.output().contains("exit-status " + status), result.output());
      assertTrue(aws.calls().stream().noneMatch(c -> c.startsWith("cloudformation delete-stack")
          || c.startsWith("cloudformation deploy") || c.startsWith("s3 mv")), aws.calls().toString());
    }
  }

  @Test
  void resumeRefusesWhileTheOldInstanceStillRunsAgainstFakeAws(@TempDir Path dir) throws Exception {
    FakeAws aws = interruptedRun(dir);
    aws.set("instance-state", "running\n");
    Bash.Result result = start(aws, "--resume", "--run", "r1");
    assertEquals(2, result.exitCode(), result.output());
    assertTrue(result.output().contains("instance i-0old000000000000 of run r1 is running"), result.output());
    assertTrue(aws.calls().stream().noneMatch(c -> c.startsWith("cloudformation delete-stack")));
  }

  @Test
  void resumeDeletesAndRedeploysAnInterruptedRunWithItsOwnParametersAgainstFakeAws(@TempDir Path dir)
      throws Exception {
    FakeAws aws = interruptedRun(dir);
    Bash.Result result = start(aws, "--resume", "--run", "r1", "--no-follow");
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("saved state: " + RUNS + "state/snapshot.tar"), result.output());
    assertTrue(result.output().contains("reusing the bundle s3://artifacts/training-runs/r1/"), result.output());
    assertFalse(result.output().contains("building"), "no build without --new-bundle");
    int delete = aws.indexOfCall("cloudformation delete-stack --stack-name defactify-train-r1");
    int waited = aws.indexOfCall("cloudformation wait stack-delete-complete --stack-name defactify-train-r1");
    int deploy = aws.indexOfCall("cloudformation deploy --stack-name defactify-train-r1 ");
    assertTrue(0 <= delete && delete < waited && waited < deploy, aws.calls().toString());
    assertTrue(aws.calls().stream().noneMatch(c -> c.startsWith("s3 cp /")), "nothing uploaded: " + aws.calls());
    // the same parameters as the old stack, the text output's None read as empty
    Map<String, String> expected = new java.util.TreeMap<>(oldParameters());
    expected.put("DjlCacheKey", "");
    List<String> deployed = aws.stackParameters();
    assertEquals(expected.entrySet().stream().map(e -> e.getKey() + "\t" + e.getValue()).toList(), deployed);
    // the earlier attempt's log and status are kept aside, so the new attempt's follower starts clean
    assertFalse(Files.exists(aws.object(RUNS + "exit-status")));
    assertTrue(aws.calls().stream().anyMatch(c -> c.matches("s3 mv " + RUNS + "train.log " + RUNS
        + "attempts/\\d{8}T\\d{6}Z/train\\.log.*")), aws.calls().toString());
    assertTrue(Files.exists(aws.object(RUNS + "state/snapshot.tar")), "the state stays for the new instance");
  }

  @Test
  void resumeOverridesOnlyTheGivenInstanceSettingsAgainstFakeAws(@TempDir Path dir) throws Exception {
    FakeAws aws = interruptedRun(dir);
    Bash.Result result = start(aws, "--resume", "--run", "r1", "--on-demand", "--instance-type", "g6.4xlarge",
        "--no-follow");
    assertEquals(0, result.exitCode(), result.output());
    List<String> deployed = aws.stackParameters();
    assertTrue(deployed.contains("MarketType\ton-demand") && deployed.contains("InstanceType\tg6.4xlarge"),
        deployed.toString());
    assertTrue(deployed.contains("MaxHours\t8") && deployed.contains("ConfigKey\ttraining-runs/r1/production.yaml"),
        deployed.toString());
  }

  @Test
  void resumeRefusesNewInputsAndBadValuesBeforeAnyAwsCallAgainstFakeAws(@TempDir Path dir) throws Exception {
    FakeAws aws = interruptedRun(dir);
    Bash.Result inputs = start(aws, "--resume", "--run", "r1", "--config", "pom.xml");
    assertEquals(2, inputs.exitCode(), inputs.output());
    assertTrue(inputs.output().contains("takes none of: --config"), inputs.output());
    Bash.Result noRun = start(aws, "--resume");
    assertEquals(2, noRun.exitCode(), noRun.output());
    assertTrue(noRun.output().contains("--resume needs --run"), noRun.output());
    Bash.Result badType = start(aws, "--resume", "--run", "r1", "--instance-type", "t3.micro");
    assertEquals(2, badType.exitCode(), badType.output());
    Bash.Result newBundle = start(aws, NEW_RUN[0], NEW_RUN[1], "--new-bundle");
    assertEquals(2, newBundle.exitCode(), newBundle.output());
    assertEquals(List.of(), aws.calls(), "refused before any AWS call");
  }
}
