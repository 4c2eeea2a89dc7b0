package org.smoothplayer.app.manifest;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project's shared data folder: {@code -Dsmoothplayer.shared=DIR}, else the first
 * directory named {@code shared} holding {@code conformance}, walking up from {@code user.dir}.
 */
final class SharedFolder {
  private SharedFolder() {}

  static Path locate() {
    String override = System.getProperty("smoothplayer.shared");
    if (override != null && !override.isBlank()) {
      return Path.of(override).toAbsolutePath();
    }
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared");
      if (Files.isDirectory(candidate.resolve("conformance"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "no shared/conformance folder above "
            + System.getProperty("user.dir")
            + "; set -Dsmoothplayer.shared=DIR");
  }

  static Path conformance() {
    return locate().resolve("conformance");
  }
}
