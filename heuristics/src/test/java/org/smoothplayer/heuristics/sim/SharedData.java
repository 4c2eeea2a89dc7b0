package org.smoothplayer.heuristics.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import org.smoothplayer.heuristics.qoe.QoeMetric;
import org.smoothplayer.heuristics.settings.HeuristicsSettings;

/** Finds the shared trace folder for tests: {@code smoothplayer.shared} or walking up. */
final class SharedData {
  private SharedData() {}

  /** The {@code shared/traces} folder; fails with a clear message when absent. */
  static Path traces() {
    String override = System.getProperty("smoothplayer.shared");
    if (override != null) {
      Path p = Path.of(override).resolve("traces");
      if (Files.isDirectory(p)) {
        return p;
      }
      throw new IllegalStateException("smoothplayer.shared=" + override + " has no traces/ folder");
    }
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (dir != null) {
      Path p = dir.resolve("shared").resolve("traces");
      if (Files.isDirectory(p)) {
        return p;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "no shared/traces folder above "
            + System.getProperty("user.dir")
            + "; set -Dsmoothplayer.shared=/path/to/shared");
  }

  static Video pensieveVideo() {
    return Video.readPensieve(traces().resolve("pensieve-video"), 48);
  }

  /** A one-thread benchmark of the default settings under QoE_lin, the tests' usual harness. */
  static Benchmark benchmark(Video video, SimConfig config) {
    return new Benchmark(video, config, HeuristicsSettings.DEFAULTS, QoeMetric.LIN, 1);
  }

  static Trace trace(String set, String name) {
    return Trace.read(traces().resolve(set).resolve(name));
  }
}
