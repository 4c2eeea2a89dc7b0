package org.smoothplayer.decoder.fragment;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's shared folder: the property {@code smoothplayer.shared} if set, else the
 * first ancestor of {@code user.dir} that contains {@code shared/conformance}.
 */
public final class SharedData {
  private SharedData() {}

  /** The shared folder (holding {@code conformance/}). */
  public static Path sharedDir() {
    String override = System.getProperty("smoothplayer.shared");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("shared").resolve("conformance"))) {
        return d.resolve("shared");
      }
    }
    return fail(
        "no shared/conformance above " + dir + "; set -Dsmoothplayer.shared=<path to shared>");
  }

  /** The conformance corpus folder. */
  public static Path conformanceDir() {
    return sharedDir().resolve("conformance");
  }
}
