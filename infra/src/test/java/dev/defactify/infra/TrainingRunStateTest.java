package dev.defactify.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the user data keeps a run's state across an interruption. The shell functions are taken out of the template
 * (after Fn::Sub, as the instance gets them) and run for real with bash, tar and flock against a local run folder;
 * only the AWS CLI (src/test/bash/fake-aws: "S3" is a folder), curl (the instance metadata service) and shutdown are
 * fakes. What S3, IMDS and EC2 really do is not tested here.
 */
class TrainingRunStateTest {

  static final String STATE_URI = "s3://sample-modelsbucket/models/runs/sample-runname/state/snapshot.tar";

  static String raw;
  static String script;
  static String spotScript;

  @BeforeAll
  static void extract() throws IOException {
    raw = TrainingUserDataTest.rawUserData();
    script = TrainingUserDataTest.substituted(Map.of());
    spotScript = TrainingUserDataTest.substituted(Map.of("MarketType", "spot"));
  }

  // --- the order of things in the script ---

  @Test
  void stateIsRestoredBeforeTrainAndResumeIsPassedOnlyByTheRestore() {
    List<String> lines = script.lines().toList();
    int restore = indexOf(lines, "restore_state || ");
    int saver = indexOf(lines, "( while sleep 300; do save_state ");
    int train = indexOf(lines, "step \"train\" ");
    assertTrue(restore < saver && saver < train, "restore, then the periodic save, then train");
    assertTrue(lines.get(train).endsWith(" $pretrained $resume"), lines.get(train));
    assertEquals(1, count(script, "resume=''"), "resume starts empty");
    assertEquals(1, count(script, "resume=--resume"), "set in one place");
    String restoreBody = function(script, "restore_state");
    assertTrue(restoreBody.indexOf("mv $work/restored $run_dir") < restoreBody.indexOf("resume=--resume"),
        "--resume only once the saved state is in place");
    assertTrue(lines.get(restore).contains("exit 2"), "a state that cannot be read stops the run");
  }

  @Test
  void finishSavesTheStateFirstBoundedAndStillPowersOff() {
    String finish = function(script, "finish");
    int save = finish.indexOf("save_state 40 60");
    assertTrue(save > 0 && save < finish.indexOf("aws s3 cp $log") && save < finish.indexOf("shutdown -h now"));
    assertTrue(finish.indexOf("set +e") < save, "a failed save cannot skip the power-off");
    assertTrue(finish.contains("kill $state_saver") && finish.contains("kill $spot_watcher"));
    String save_state = function(script, "save_state");
    assertTrue(save_state.contains("flock -w $1 9"), "waiting for a running save is bounded");
    assertTrue(save_state.contains("timeout $2 aws s3 cp $work/state.tar $state_uri/snapshot.tar"), "upload bounded");
  }

  @Test
  void spotWatcherRunsOnlyForSpotAndUsesImdsV2() {
    String watcher = rawWatcher(raw);
    assertTrue(script.contains("if [ \"on-demand\" = spot ]; then"), "on-demand: the watcher is never started");
    assertTrue(spotScript.contains("if [ \"spot\" = spot ]; then"));
    assertTrue(watcher.contains("while sleep 5; do"));
    assertTrue(watcher.contains("-X PUT http://169.254.169.254/latest/api/token"), "IMDSv2 token");
    assertTrue(watcher.contains("-H \"X-aws-ec2-metadata-token: $imds_token\""));
    assertTrue(watcher.indexOf("api/token") > watcher.indexOf("while sleep 5; do"), "a fresh token on every poll");
    assertTrue(watcher.contains("http://169.254.169.254/latest/meta-data/spot/instance-action"));
    assertTrue(watcher.contains("kill -TERM $$"), "the notice starts the orderly stop");
  }

  // --- the functions, run ---

  @Test
  void saveTakesTheNewestCompleteCheckpointTheModelAndRunJsonButNoPartialOrOlderFile(@TempDir Path dir)
      throws Exception {
    FakeAws aws = new FakeAws(dir);
    Path run = trainedRun(dir.resolve("work"));
    Bash.Result result = harness(aws, dir, "save_state 5 30\nsave_state 5 30\ncat $work/state.saved\n");
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("state: epoch-002 saved to " + STATE_URI), result.output());
    assertEquals(List.of("./checkpoints/epoch-002.json", "./checkpoints/epoch-002.safetensors",
        "./model.safetensors", "./run.json"), tarMembers(aws.object(STATE_URI), dir));
    assertEquals(1, aws.calls().stream().filter(c -> c.startsWith("s3 cp ")).count(),
        "the second save finds that checkpoint saved already: " + aws.calls());
    assertTrue(result.output().strip().endsWith("epoch-002"));
    assertTrue(Files.exists(run.resolve("checkpoints/epoch-003.safetensors.partial")), "the run is left as it was");
  }

  @Test
  void saveWaitsWhileTheNextEpochHasChosenANewerModelThanItsCheckpoint(@TempDir Path dir) throws Exception {
    FakeAws aws = new FakeAws(dir);
    Path run = trainedRun(dir.resolve("work"));
    // epoch 3 has written model.safetensors but not yet its checkpoint: the pair would not belong together
    Files.setLastModifiedTime(run.resolve("model.safetensors"), FileTime.from(Instant.parse("2025-01-01T03:00:00Z")));
    Bash.Result result = harness(aws, dir, "save_state 5 30\n");
    assertEquals(0, result.exitCode(), result.output());
    assertFalse(Files.exists(aws.object(STATE_URI)), "nothing uploaded");
    assertEquals(List.of(), aws.calls());
  }

  @Test
  void restoreUnpacksASavedStateAndSetsResume(@TempDir Path dir) throws Exception {
    FakeAws aws = new FakeAws(dir);
    trainedRun(dir.resolve("first"));
    Bash.Result saved = harness(aws, dir, "work=" + dir.resolve("first") + " run_dir=" + dir.resolve("first/run")
        + "\nsave_state 5 30\n");
    assertEquals(0, saved.exitCode(), saved.output());
    // a new instance: an empty work folder, the state only in "S3"
    Bash.Result result = harness(aws, dir, "restore_state\necho \"resume=[$resume]\"\nsave_state 5 30\n");
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("resume=[--resume]"), result.output());
    assertTrue(result.output().contains("state: resuming from epoch-002"), result.output());
    Path run = dir.resolve("work/run");
    for (String file : List.of("checkpoints/epoch-002.json", "checkpoints/epoch-002.safetensors", "model.safetensors",
        "run.json")) {
      assertEquals("content of " + file, Files.readString(run.resolve(file)), file);
    }
    assertEquals(1, aws.calls().stream().filter(c -> c.startsWith("s3 cp " + dir.resolve("first"))).count());
    assertEquals(1, aws.calls().stream().filter(c -> c.startsWith("s3 cp s3://")).count(),
        "the restored checkpoint is not uploaded again: " + aws.calls());
  }

  @Test
  void restoreWithoutSavedStateTrainsFromTheStart(@TempDir Path dir) throws Exception {
    FakeAws aws = new FakeAws(dir);
    Bash.Result result = harness(aws, dir, "restore_state\necho \"resume=[$resume]\"\n");
    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("resume=[]"), result.output());
    assertTrue(result.output().contains("training from the start"), result.output());
    assertFalse(Files.exists(dir.resolve("work/run")));
    assertTrue(aws.calls().get(0).startsWith("s3api list-objects-v2 --bucket sample-modelsbucket "
        + "--prefix models/runs/sample-runname/state/snapshot.tar"), aws.calls().toString());
  }

  @Test
  void restoreFailsWhenTheListingFailsRatherThanStartingAfresh(@TempDir Path dir) throws Exception {
    FakeAws aws = new FakeAws(dir);
    aws.set("fail", "s3api");
    Bash.Result result = harness(aws, dir, "if restore_state; then echo RESTORED; else echo REFUSED; fi\n");
    assertTrue(result.output().contains("REFUSED"), result.output());
  }

  @Test
  void finishOfAnInterruptedRunSavesTheStateThenUploadsTheLogAndStatusThenPowersOff(@TempDir Path dir)
      throws Exception {
    FakeAws aws = new FakeAws(dir);
    aws.command("shutdown", "#!/bin/bash\necho \"shutdown $*\" >>\"$FAKE_AWS/calls\"\n");
    trainedRun(dir.resolve("work"));
    String body = """
        log=$work/train.log; echo 'the log' > $log
        runs_uri=s3://sample-modelsbucket/models/runs/sample-runname
        model_dir=$work/model; uploader=''; state_saver=''; spot_watcher=''
        trap finish EXIT
        exit 143
        """;
    Bash.Result result = harness(aws, dir, function(script, "finish") + "\n" + body);
    assertEquals(143, result.exitCode(), result.output());
    List<String> calls = aws.calls();
    int state = aws.indexOfCall("s3 cp " + dir.resolve("work/state.tar") + " " + STATE_URI);
    int log = aws.indexOfCall("s3 cp " + dir.resolve("work/train.log"));
    int status = aws.indexOfCall("s3 cp - s3://sample-modelsbucket/models/runs/sample-runname/exit-status");
    assertTrue(state >= 0 && state < log && log < status, calls.toString());
    assertEquals("shutdown -h now", calls.get(calls.size() - 1));
    assertEquals("143\n", Files.readString(aws.object("s3://sample-modelsbucket/models/runs/sample-runname/exit-status")));
  }

  @Test
  void spotWatcherSignalsTheScriptWhenTheNoticeAppears(@TempDir Path dir) throws Exception {
    FakeAws aws = new FakeAws(dir);
    // fake IMDS: a token for each PUT; instance-action answers 404 (curl -f: exit 22) once, then the notice
    aws.command("curl", """
        #!/bin/bash
        echo "curl $*" >>"$FAKE_AWS/calls"
        case "$*" in
          *api/token*) echo token-$RANDOM ;;
          *spot/instance-action*)
            if [ -f "$FAKE_AWS/noticed" ]; then echo '{"action":"terminate","time":"2025-01-01T00:02:00Z"}'
            else touch "$FAKE_AWS/noticed"; exit 22; fi ;;
          *) exit 7 ;;
        esac
        """);
    String watcher = spotScript.substring(spotScript.indexOf("if [ \"spot\" = spot ]; then"));
    watcher = watcher.substring(0, watcher.indexOf("\nfi\n") + 4);
    String body = "trap 'echo STOPPED BY NOTICE; exit 0' TERM\n" + watcher + "wait $spot_watcher\necho NO NOTICE\n";
    Bash.Result result = harness(aws, dir, body);
    assertTrue(result.output().contains("spot interruption notice: {\"action\":\"terminate\""), result.output());
    assertTrue(result.output().contains("STOPPED BY NOTICE"), result.output());
    List<String> curls = aws.calls().stream().filter(c -> c.startsWith("curl ")).toList();
    assertEquals(4, curls.size(), curls.toString());
    assertTrue(curls.get(0).contains("-X PUT") && curls.get(2).contains("-X PUT"), "a new token for each poll");
    assertTrue(curls.get(3).contains("X-aws-ec2-metadata-token: token-"), curls.get(3));
  }

  // --- helpers ---

  /**
   * A run folder after two finished epochs, with epoch 3 being written (.partial files), a report, and model and
   * run.json being replaced at that moment. Times: epoch 1 at 01:00, epoch 2 at 02:00, model chosen at epoch 2.
   */
  private static Path trainedRun(Path work) throws IOException {
    Path run = work.resolve("run");
    Files.createDirectories(run.resolve("checkpoints"));
    Files.createDirectories(run.resolve("report"));
    for (String file : List.of("checkpoints/epoch-001.safetensors", "checkpoints/epoch-001.json",
        "checkpoints/epoch-002.safetensors", "checkpoints/epoch-002.json", "checkpoints/epoch-003.safetensors.partial",
        "checkpoints/epoch-004.json.partial", "model.safetensors", "model.safetensors.partial", "run.json",
        "run.json.partial", "report/report.json")) {
      Files.writeString(run.resolve(file), "content of " + file);
    }
    time(run, "checkpoints/epoch-001.safetensors", "01:00:00");
    time(run, "checkpoints/epoch-001.json", "01:00:01");
    time(run, "model.safetensors", "01:59:59");
    time(run, "checkpoints/epoch-002.safetensors", "02:00:00");
    time(run, "checkpoints/epoch-002.json", "02:00:01");
    return run;
  }

  private static void time(Path run, String file, String time) throws IOException {
    Files.setLastModifiedTime(run.resolve(file), FileTime.from(Instant.parse("2025-01-01T" + time + "Z")));
  }

  /** Runs body after the state variables and functions of the user data, with the fakes first on PATH. */
  private static Bash.Result harness(FakeAws aws, Path dir, String body) throws Exception {
    String text = "set -euo pipefail\n"
        + "work=" + dir.resolve("work") + "\nrun_dir=$work/run\n"
        + "state_uri=s3://sample-modelsbucket/models/runs/sample-runname/state\n"
        + "state_bucket=sample-modelsbucket\nstate_key=models/runs/sample-runname/state/snapshot.tar\n"
        + "resume=''\nstream=test\nlog_group=test\nmkdir -p $work\n"
        + function(script, "milestone") + "\n"
        + function(script, "latest_checkpoint") + "\n"
        + function(script, "save_state") + "\n"
        + function(script, "restore_state") + "\n"
        + body;
    Path file = dir.resolve("harness-" + System.nanoTime() + ".sh");
    Files.writeString(file, text);
    return Bash.run(List.of("bash", file.toString()), aws.environment());
  }

  /** The text of a shell function of the script, from "name() {" to its closing "}" at the start of a line. */
  static String function(String text, String name) {
    int start = text.indexOf("\n" + name + "() {\n");
    assertTrue(start >= 0, "no function " + name);
    int end = text.indexOf("\n}\n", start);
    return text.substring(start + 1, end + 3);
  }

  private static String rawWatcher(String text) {
    int start = text.indexOf("= spot ]; then");
    return text.substring(start, text.indexOf("\nfi\n", start));
  }

  private static List<String> tarMembers(Path tar, Path dir) throws Exception {
    Bash.Result listing = Bash.run(List.of("tar", "-tf", tar.toString()));
    assertEquals(0, listing.exitCode(), listing.output());
    try (Stream<String> lines = listing.output().lines()) {
      return lines.filter(line -> !line.endsWith("/")).sorted().toList();
    }
  }

  private static int indexOf(List<String> lines, String start) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().startsWith(start)) {
        return i;
      }
    }
    throw new AssertionError("no line starts with: " + start);
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
