package org.smoothplayer.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.smoothplayer.app.config.WindowBounds;

/** Where a reopened window goes, on the screens there are now (plain JUnit, no toolkit). */
class WindowPlacementTest {

  private static final Rectangle2D LEFT = new Rectangle2D(0, 0, 1920, 1050);
  private static final Rectangle2D RIGHT = new Rectangle2D(1920, 0, 1280, 1024);

  @Test
  void a_window_on_a_screen_keeps_its_place_and_size() {
    WindowPlacement.Placed placed =
        WindowPlacement.fit(
            new WindowBounds(2000, 100, 1000, 600, false), List.of(LEFT, RIGHT), 480, 300);

    assertThat(placed.position()).contains(new Point2D(2000, 100));
    assertThat(placed.width()).isEqualTo(1000);
    assertThat(placed.height()).isEqualTo(600);
    assertThat(placed.maximized()).isFalse();
  }

  @Test
  void a_window_on_a_screen_that_is_gone_is_centred_at_its_size_within_the_screen_left() {
    WindowPlacement.Placed placed =
        WindowPlacement.fit(new WindowBounds(2000, 100, 2400, 600, true), List.of(LEFT), 480, 300);

    assertThat(placed.position()).isEmpty();
    assertThat(placed.width()).isEqualTo(1920);
    assertThat(placed.height()).isEqualTo(600);
    assertThat(placed.maximized()).isTrue();
  }

  @Test
  void a_window_partly_off_its_screen_is_moved_back_onto_it() {
    WindowPlacement.Placed placed =
        WindowPlacement.fit(new WindowBounds(1500, 900, 800, 600, false), List.of(LEFT), 480, 300);

    assertThat(placed.position()).contains(new Point2D(1120, 450));
  }

  @Test
  void a_title_bar_above_every_screen_or_too_little_of_it_on_one_does_not_keep_the_place() {
    assertThat(
            WindowPlacement.fit(
                    new WindowBounds(100, -200, 800, 600, false), List.of(LEFT), 480, 300)
                .position())
        .isEmpty();
    assertThat(
            WindowPlacement.fit(
                    new WindowBounds(1900, 100, 800, 600, false), List.of(LEFT), 480, 300)
                .position())
        .isEmpty();
  }

  @Test
  void a_size_below_the_minimum_grows_to_it() {
    WindowPlacement.Placed placed =
        WindowPlacement.fit(new WindowBounds(10, 10, 100, 50, false), List.of(LEFT), 480, 300);

    assertThat(placed.width()).isEqualTo(480);
    assertThat(placed.height()).isEqualTo(300);
  }
}
