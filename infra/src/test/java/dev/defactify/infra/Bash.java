package dev.defactify.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs bash for the script tests: a syntax check, or a script run that must finish quickly and offline. */
final class Bash {

  record Result(int exitCode, String output) {}

  private Bash() {}

  static Result syntaxCheck(Path script) throws IOException, InterruptedException {
    return run(List.of("bash", "-n", script.toString()));
  }

  static Result run(List<String> command) throws IOException, InterruptedException {
    return run(command, Map.of());
  }

  /**
   * Runs with extra environment variables; a PATH entry is put in front of the inherited PATH (that is how the
   * tests put a fake aws, curl or shutdown first).
   */
  static Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    environment.forEach((name, value) -> builder.environment().merge(name, value,
        (inherited, first) -> name.equals("PATH") ? first + ":" + inherited : first));
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
