package org.smoothplayer.decoder.fragment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden text files under {@code src/test/resources}. Run with {@code
 * -Dsmoothplayer.golden.update=true} to (re)write them, then review the diff.
 */
public final class Golden {
  private Golden() {}

  /** Compares {@code actual} with the golden file at {@code resourcePath}. */
  public static void check(String resourcePath, String actual) {
    Path file =
        Path.of(System.getProperty("user.dir"), "src", "test", "resources").resolve(resourcePath);
    try {
      if (Boolean.getBoolean("smoothplayer.golden.update")) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(file)
          .as("golden file %s (write it with -Dsmoothplayer.golden.update=true)", file)
          .exists();
      assertThat(actual)
          .as("dump differs from golden file %s", file)
          .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file-name-safe version of {@code name}. */
  public static String safeName(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
