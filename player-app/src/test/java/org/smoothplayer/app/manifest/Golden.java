package org.smoothplayer.app.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden text files under {@code src/test/resources/manifest/golden/}: compared by default,
 * rewritten with {@code -Dgolden.update=true} (into {@code -Dgolden.dir}, default the module's
 * source folder).
 */
final class Golden {
  private static final String RESOURCE_DIR = "/manifest/golden/";

  private Golden() {}

  static boolean updating() {
    return Boolean.getBoolean("golden.update");
  }

  static void check(String name, String actual) throws IOException {
    if (updating()) {
      String dir = System.getProperty("golden.dir");
      Path target =
          dir != null && !dir.isBlank()
              ? Path.of(dir)
              : Path.of(System.getProperty("user.dir"), "src/test/resources/manifest/golden");
      Files.createDirectories(target);
      Files.writeString(target.resolve(name), actual, StandardCharsets.UTF_8);
      return;
    }
    try (InputStream in = Golden.class.getResourceAsStream(RESOURCE_DIR + name)) {
      assertThat(in)
          .as("golden file %s (create it with -Dgolden.update=true)", RESOURCE_DIR + name)
          .isNotNull();
      String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(actual).as("dump compared with golden %s", name).isEqualTo(expected);
    }
  }
}
