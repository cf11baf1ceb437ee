package dev.defactify.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The fake AWS CLI of src/test/bash/fake-aws, installed as {@code aws} in a bin folder that the tests put first on
 * PATH. AWS itself is not reachable from the tests: the fake records each call and keeps "S3" as files, so a test
 * checks which calls a script makes and what it leaves in the bucket, not what AWS would do with them.
 */
final class FakeAws {

  final Path root;
  final Path bin;
  final Path state;

  FakeAws(Path root) throws IOException {
    this.root = root;
    this.bin = Files.createDirectories(root.resolve("bin"));
    this.state = Files.createDirectories(root.resolve("fake"));
    Path aws = bin.resolve("aws");
    Files.copy(Path.of("src/test/bash/fake-aws"), aws);
    aws.toFile().setExecutable(true);
  }

  /** The environment that puts the fake first on PATH. */
  Map<String, String> environment() {
    return Map.of("PATH", bin.toString(), "FAKE_AWS", state.toString());
  }

  /** Another fake command (curl, shutdown) in the same bin folder. */
  void command(String name, String script) throws IOException {
    Path file = bin.resolve(name);
    Files.writeString(file, script);
    file.toFile().setExecutable(true);
  }

  Path object(String uri) {
    return state.resolve("s3").resolve(uri.substring("s3://".length()));
  }

  void put(String uri, String content) throws IOException {
    Path file = object(uri);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  /** An existing stack with these parameters and outputs. */
  void stack(Map<String, String> parameters, Map<String, String> outputs) throws IOException {
    Path stack = state.resolve("stack");
    Files.createDirectories(stack.resolve("outputs"));
    StringBuilder lines = new StringBuilder();
    parameters.forEach((key, value) -> lines.append(key).append('\t').append(value).append('\n'));
    Files.writeString(stack.resolve("parameters"), lines);
    for (Map.Entry<String, String> output : outputs.entrySet()) {
      Files.writeString(stack.resolve("outputs").resolve(output.getKey()), output.getValue() + "\n");
    }
  }

  /** The parameters the stack has now (after a deploy: the ones deployed). */
  List<String> stackParameters() throws IOException {
    return Files.readAllLines(state.resolve("stack/parameters"));
  }

  void set(String file, String content) throws IOException {
    Files.writeString(state.resolve(file), content);
  }

  List<String> calls() {
    try {
      Path calls = state.resolve("calls");
      return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int indexOfCall(String start) {
    List<String> calls = calls();
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).startsWith(start)) {
        return i;
      }
    }
    return -1;
  }
}
