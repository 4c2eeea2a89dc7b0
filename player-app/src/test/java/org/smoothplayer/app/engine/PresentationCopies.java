package org.smoothplayer.app.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies of generated presentations that a test may change (a padded fragment, a new stream). */
final class PresentationCopies {
  private PresentationCopies() {}

  /** Copies the presentation folder {@code from} to {@code to}, recursively; returns {@code to}. */
  static Path copy(Path from, Path to) throws IOException {
    try (var files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }
}
