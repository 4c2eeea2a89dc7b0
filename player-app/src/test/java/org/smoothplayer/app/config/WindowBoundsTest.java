package org.smoothplayer.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowBoundsTest {

  @TempDir Path dir;

  @Test
  void stored_bounds_read_back_and_without_a_file_there_are_none() {
    ConfigStore store = ConfigStore.at(dir.resolve("config"));
    assertThat(WindowBounds.stored(store)).isEmpty();

    new WindowBounds(120, -8.5, 960, 540, true).store(store);

    assertThat(dir.resolve("config").resolve(WindowBounds.FILE))
        .hasContent("{\"x\":120.0,\"y\":-8.5,\"width\":960.0,\"height\":540.0,\"maximized\":true}");
    assertThat(WindowBounds.stored(store)).contains(new WindowBounds(120, -8.5, 960, 540, true));
  }

  @Test
  void a_file_that_cannot_give_every_number_gives_no_bounds() throws IOException {
    Path file = dir.resolve(WindowBounds.FILE);
    Files.writeString(file, "{\"x\": 10, \"y\": 10, \"width\": \"wide\", \"height\": 500}");
    assertThat(WindowBounds.load(file)).isEmpty();

    Files.writeString(file, "{\"x\": 10, \"y\": 10, \"width\": 0, \"height\": 500}");
    assertThat(WindowBounds.load(file)).isEmpty();

    Files.writeString(file, "{\"x\": 10, \"width\": 800, \"height\": 500}");
    assertThat(WindowBounds.load(file)).isEmpty();

    Files.writeString(file, "not json");
    assertThat(WindowBounds.load(file)).isEmpty();

    // Without "maximized" (or with a value that is not a boolean) the window is not maximized.
    Files.writeString(file, "{\"x\": 10, \"y\": 20, \"width\": 800, \"height\": 500}");
    assertThat(WindowBounds.load(file)).contains(new WindowBounds(10, 20, 800, 500, false));
  }

  @Test
  void sizes_that_are_not_positive_and_places_that_are_not_finite_are_refused_by_name() {
    assertThatThrownBy(() -> new WindowBounds(0, 0, -1, 300, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("width, height: expected positive numbers but were -1.0, 300.0");
    assertThatThrownBy(() -> new WindowBounds(Double.NaN, 0, 400, 300, false))
        .hasMessageStartingWith("x, y: expected finite numbers");
  }
}
