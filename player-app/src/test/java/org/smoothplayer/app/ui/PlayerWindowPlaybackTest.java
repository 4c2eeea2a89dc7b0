package org.smoothplayer.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.smoothplayer.app.engine.EngineOptions;
import org.smoothplayer.app.engine.PlaybackEngine;
import org.smoothplayer.app.engine.PlayerState;
import org.smoothplayer.assets.generate.FrameCode;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.LocalOrigin;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The real window on the real engine: the generator's {@code tiny} presentation (4 s, 25 fps, two
 * levels, a frame code burnt into every picture) served over loopback, played in the headless
 * window, and read back from the surface's pixels.
 */
@ExtendWith(ApplicationExtension.class)
class PlayerWindowPlaybackTest {

  /** Frame rate of {@link Preset#TINY}. */
  private static final int FPS = 25;

  /** Longest wait for any one condition, nanoseconds. */
  private static final long WAIT_NS = 20_000_000_000L;

  private static final String[] LEVEL_LABELS = {
    "160\u00d790 \u00b7 0.15 Mbps", "320\u00d7180 \u00b7 0.40 Mbps"
  };

  private static LocalOrigin origin;
  private static String url;

  @BeforeAll
  static void serveTiny() throws Exception {
    Path tiny = Presentations.cached(Preset.TINY);
    origin = LocalOrigin.builder(tiny).start();
    url = origin.baseUri().resolve("Manifest").toString();
  }

  @AfterAll
  static void stopOrigin() {
    origin.close();
  }

  /** A player window opened by the launcher, as the command line opens it. */
  private record Window(Stage stage, PlayerView view, CompletableFuture<Integer> exit)
      implements AutoCloseable {

    static Window open() throws Exception {
      CompletableFuture<Integer> exit =
          CompletableFuture.supplyAsync(
              () ->
                  PlayerWindowLauncher.run(
                      url, (u, startUs) -> PlaybackEngine.open(EngineOptions.of(u).silent())));
      Stage stage = PlayerWindowLauncherTest.awaitWindow(url);
      Fx.run(stage::requestFocus);
      return new Window(stage, (PlayerView) stage.getScene().getRoot(), exit);
    }

    PlayerViewModel viewModel() {
      return view.viewModel();
    }

    /** The level and frame number burnt into the picture on the surface, if one is shown. */
    OptionalInt shownCode() {
      return Fx.call(
          () -> {
            WritableImage image = view.surface().image();
            if (image == null) {
              return OptionalInt.empty();
            }
            int width = (int) image.getWidth();
            int height = (int) image.getHeight();
            return FrameCode.readBgra(TestFrames.readBgra(image), width, height, width * 4);
          });
    }

    /** Waits for a picture whose code passes {@code condition}; returns the code. */
    int awaitCode(String what, Predicate<Integer> condition) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT_NS;
      while (true) {
        OptionalInt code = shownCode();
        if (code.isPresent() && condition.test(code.getAsInt())) {
          return code.getAsInt();
        }
        assertThat(System.nanoTime())
            .as("waiting for %s; shown %s, %s", what, describe(code), state())
            .isLessThan(deadline);
        Thread.sleep(20);
      }
    }

    /** Waits until the view model satisfies {@code condition}. */
    void await(String what, Predicate<PlayerViewModel> condition) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT_NS;
      while (!Fx.call(() -> condition.test(viewModel()))) {
        assertThat(System.nanoTime()).as("waiting for %s; %s", what, state()).isLessThan(deadline);
        Thread.sleep(20);
      }
    }

    String state() {
      return Fx.call(
          () ->
              viewModel().stateProperty().get()
                  + " at "
                  + viewModel().positionUsProperty().get()
                  + " us, error '"
                  + viewModel().errorTextProperty().get()
                  + "'");
    }

    @Override
    public void close() throws ExecutionException, TimeoutException {
      Fx.run(stage::hide);
      try {
        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(PlayerWindowLauncher.EXIT_OK);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while the window closed", e);
      }
    }
  }

  private static String describe(OptionalInt code) {
    return code.isEmpty()
        ? "no code"
        : "level "
            + FrameCode.levelIndex(code.getAsInt())
            + " frame "
            + FrameCode.frameNumber(code.getAsInt());
  }

  private static long frameNumber(int code) {
    return FrameCode.frameNumber(code);
  }

  @Test
  @Timeout(60)
  void the_window_plays_and_its_surface_shows_the_burnt_in_frames() throws Exception {
    try (Window w = Window.open()) {
      int first = w.awaitCode("a first frame", code -> true);
      int later =
          w.awaitCode("playback to move on", code -> frameNumber(code) > frameNumber(first));

      assertThat(FrameCode.levelIndex(later)).isBetween(0, 1);
      assertThat(w.viewModel().titleProperty().get()).isEqualTo("Smooth Player \u2014 " + url);
    }
  }

  @Test
  @Timeout(60)
  void space_pauses_and_the_clock_and_the_picture_stay_put(FxRobot robot) throws Exception {
    try (Window w = Window.open()) {
      w.await(
          "playback past 0.4 s",
          vm ->
              vm.stateProperty().get() == PlayerState.PLAYING
                  && vm.positionUsProperty().get() > 400_000);

      robot.type(KeyCode.SPACE);
      w.await("the pause", vm -> vm.stateProperty().get() == PlayerState.PAUSED);
      long pausedAtUs = Fx.call(() -> w.viewModel().positionUsProperty().get());
      OptionalInt pausedCode = w.shownCode();
      Thread.sleep(300); // the interval under test, not a synchronisation

      assertThat(Fx.call(() -> w.viewModel().positionUsProperty().get())).isEqualTo(pausedAtUs);
      assertThat(w.shownCode()).isEqualTo(pausedCode);
      assertThat(robot.lookup("#playPause").queryButton().getText()).isEqualTo("Play");
    }
  }

  @Test
  @Timeout(60)
  void a_paused_seek_shows_the_frame_at_the_target(FxRobot robot) throws Exception {
    try (Window w = Window.open()) {
      w.awaitCode("a first frame", code -> true);
      robot.type(KeyCode.SPACE);
      w.await("the pause", vm -> vm.stateProperty().get() == PlayerState.PAUSED);

      long targetUs = 2_530_000;
      Fx.run(() -> w.viewModel().seekTo(targetUs));

      long expectedFrame = targetUs * FPS / 1_000_000; // floor(t × fps) = 63
      int code = w.awaitCode("frame " + expectedFrame, c -> frameNumber(c) == expectedFrame);
      assertThat(frameNumber(code)).isEqualTo(63);
      w.await(
          "the clock at the target",
          vm ->
              vm.stateProperty().get() == PlayerState.PAUSED
                  && vm.positionUsProperty().get() == targetUs);
      assertThat(w.viewModel().timeTextProperty().get()).isEqualTo("0:02 / 0:04");
    }
  }

  @Test
  @Timeout(60)
  void a_level_chosen_in_the_quality_menu_is_forced_and_the_overlay_shows_it(FxRobot robot)
      throws Exception {
    try (Window w = Window.open()) {
      int first = w.awaitCode("a first frame", code -> true);
      robot.type(KeyCode.SPACE);
      w.await("the pause", vm -> vm.stateProperty().get() == PlayerState.PAUSED);
      int forced = 1 - FrameCode.levelIndex(first); // the level not on screen

      robot.clickOn("Quality");
      robot.clickOn(LEVEL_LABELS[forced]);
      robot.type(KeyCode.I);
      // A seek refetches from the target, so the forced level shows without playing on.
      Fx.run(() -> w.viewModel().seekTo(1_000_000));

      int code =
          w.awaitCode(
              "frame 25 of level " + forced,
              c -> FrameCode.levelIndex(c) == forced && frameNumber(c) == 25);
      assertThat(FrameCode.levelIndex(code)).isEqualTo(forced);
      w.await(
          "the overlay to show the level",
          vm ->
              vm.statsLines().contains("Quality: level " + forced)
                  && vm.statsLines().get(0).startsWith("Level: " + forced + " (levels 0\u20131;"));
      Label overlay = robot.lookup("#statsOverlay").query();
      assertThat(Fx.call(overlay::isVisible)).isTrue();
      assertThat(Fx.call(overlay::getText)).contains("Quality: level " + forced);
      assertThat(w.viewModel().selectedQualityProperty().get()).isEqualTo(forced + 1);
    }
  }
}
