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

  /**
   * A copy of {@code tiny} (in {@code dir}) whose audio {@code Url} is an absolute URL on {@code
   * authority} (host or host:port); the video stays relative, served by the origin as usual.
   */
  static Path tinyWithAudioOn(Path tiny, Path dir, String authority) throws IOException {
    Path copy = copy(tiny, dir.resolve("tiny-audio-on-" + authority.replace(':', '-')));
    Path manifest = copy.resolve("Manifest");
    String text = Files.readString(manifest);
    String relative = "Url=\"QualityLevels({bitrate})/Fragments(audio={start time})\"";
    if (!text.contains(relative)) {
      throw new IllegalStateException("tiny's audio Url is not " + relative);
    }
    Files.writeString(
        manifest,
        text.replace(
            relative,
            "Url=\"http://"
                + authority
                + "/QualityLevels({bitrate})/Fragments(audio={start time})\""));
    return copy;
  }
}
