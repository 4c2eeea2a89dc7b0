package org.smoothplayer.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real player process for tests: this JVM's java and class path, running {@link Main}. */
final class PlayerProcess {
  private PlayerProcess() {}

  /** A builder for {@code java [jvmOptions] Main [args]}; the caller redirects and starts it. */
  static ProcessBuilder builder(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(jvmOptions);
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }
}
