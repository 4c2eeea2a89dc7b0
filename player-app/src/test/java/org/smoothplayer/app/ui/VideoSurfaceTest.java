package org.smoothplayer.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smoothplayer.app.playback.ShownFrame;
import org.smoothplayer.decoder.video.PixelBufferPool;
import org.smoothplayer.decoder.video.VideoFrame;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The surface on a headless stage: pixels, stride, closing, fitting and viewport reports. */
@ExtendWith(ApplicationExtension.class)
class VideoSurfaceTest {

  private final PixelBufferPool pool = new PixelBufferPool();
  private final List<String> viewports = new ArrayList<>();
  private VideoSurface surface;
  private Stage stage;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    surface = new VideoSurface();
    surface.setViewportListener((w, h) -> viewports.add(w + "x" + h));
    stage.setScene(new Scene(new StackPane(surface), 400, 300));
    stage.show();
  }

  @AfterEach
  void closePool() {
    pool.close();
  }

  /** Asserts the image shows the quadrant pattern of a {@code width × height} frame. */
  private static void assertShowsPattern(WritableImage image, int width, int height) {
    assertThat((int) image.getWidth()).isEqualTo(width);
    assertThat((int) image.getHeight()).isEqualTo(height);
    PixelReader reader = image.getPixelReader();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int argb = reader.getArgb(x, y);
        if (argb != TestFrames.expectedArgb(x, y, width, height)) {
          throw new AssertionError(
              String.format(
                  "pixel (%d, %d) is %08x, expected %08x",
                  x, y, argb, TestFrames.expectedArgb(x, y, width, height)));
        }
      }
    }
  }

  @Test
  void shows_a_padded_frame_row_by_row_and_closes_it(FxRobot robot) {
    // 8 padding bytes per row: a copy that ignored the stride would shear the picture.
    VideoFrame frame = TestFrames.pattern(pool, 64, 36, 64 * 4 + 8, 0);
    FakePlayer player = new FakePlayer(new Snapshots().build());
    player.queue(new ShownFrame(frame, 1, 0));

    boolean taken = Fx.call(() -> surface.showDue(player.frames()));

    assertThat(taken).isTrue();
    assertThat(TestFrames.isClosed(frame)).isTrue();
    assertThat(pool.idleCount()).isEqualTo(1);
    assertShowsPattern(surface.image(), 64, 36);
    assertThat(surface.shownLevel()).isEqualTo(1);
    assertThat(surface.framesShown()).isEqualTo(1);
  }

  @Test
  void a_frame_of_another_size_gets_a_new_image_and_no_frame_keeps_the_picture(FxRobot robot) {
    FakePlayer player = new FakePlayer(new Snapshots().build());
    player.queue(new ShownFrame(TestFrames.pattern(pool, 64, 36, 64 * 4, 0), 0, 0));
    robot.interact(() -> surface.showDue(player.frames()));
    WritableImage first = surface.image();

    player.queue(new ShownFrame(TestFrames.pattern(pool, 96, 54, 96 * 4 + 64, 40_000), 1, 0));
    robot.interact(() -> surface.showDue(player.frames()));
    boolean taken = Fx.call(() -> surface.showDue(player.frames()));

    assertThat(taken).isFalse();
    assertThat(surface.image()).isNotSameAs(first);
    assertShowsPattern(surface.image(), 96, 54);
  }

  @Test
  void a_frame_that_cannot_be_copied_is_still_closed(FxRobot robot) {
    VideoFrame frame = TestFrames.pattern(pool, 64, 36, 64 * 4, 0);
    frame.pixels().limit(100); // fewer bytes readable than the frame claims
    FakePlayer player = new FakePlayer(new Snapshots().build());
    player.queue(new ShownFrame(frame, 0, 0));

    RuntimeException failure =
        Fx.call(
            () -> {
              try {
                surface.showDue(player.frames());
                return new IllegalStateException("the copy did not fail");
              } catch (IndexOutOfBoundsException expected) {
                return expected;
              }
            });

    assertThat(failure).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(TestFrames.isClosed(frame)).isTrue();
  }

  @Test
  void the_picture_keeps_its_aspect_ratio_centred_between_black_bars(FxRobot robot) {
    FakePlayer player = new FakePlayer(new Snapshots().build());
    player.queue(new ShownFrame(TestFrames.pattern(pool, 160, 90, 160 * 4, 0), 0, 0));
    robot.interact(() -> surface.showDue(player.frames()));
    robot.interact(() -> surface.layout());

    Bounds shown = robot.lookup("#surfaceImage").query().getBoundsInParent();

    // 400x300 area, 16:9 picture: full width, 225 high, 37.5 px bars above and below.
    assertThat(shown.getWidth()).isEqualTo(400);
    assertThat(shown.getHeight()).isEqualTo(225);
    assertThat(shown.getMinX()).isZero();
    assertThat(shown.getMinY()).isEqualTo(37.5);
  }

  @Test
  void the_viewport_is_reported_in_pixels_once_per_change(FxRobot robot) {
    robot.interact(() -> surface.layout());
    assertThat(viewports).containsExactly("400x300");

    robot.interact(
        () -> {
          stage.getScene().getRoot().resize(320, 200);
          surface.requestLayout();
          stage.getScene().getRoot().layout();
        });
    robot.interact(() -> surface.layout());

    assertThat(viewports).containsExactly("400x300", "320x200");
  }
}
