package org.smoothplayer.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/session/}: compared byte for byte by default,
 * rewritten with {@code -Dgolden.update=true} (into {@code -Dgolden.dir}, default the module's
 * source folder).
 */
final class Golden {
  static final String RESOURCE_DIR = "/session/";

  private Golden() {}

  static void check(String name, String actual) throws IOException {
    if (Boolean.getBoolean("golden.update")) {
      String dir = System.getProperty("golden.dir");
      Path target =
          dir != null && !dir.isBlank()
              ? Path.of(dir)
              : Path.of(System.getProperty("user.dir"), "src/test/resources/session");
      Files.createDirectories(target);
      Files.writeString(target.resolve(name), actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(actual).as("dump compared with golden %s", name).isEqualTo(read(name));
  }

  static String read(String name) throws IOException {
    try (InputStream in = Golden.class.getResourceAsStream(RESOURCE_DIR + name)) {
      assertThat(in)
          .as("golden file %s (create it with -Dgolden.update=true)", RESOURCE_DIR + name)
          .isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
