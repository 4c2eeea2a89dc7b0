package org.smoothplayer.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.config.AppSettings;
import org.smoothplayer.app.config.CaptionChoice;
import org.smoothplayer.app.config.ConfigStore;
import org.smoothplayer.app.config.CurrentSettings;
import org.smoothplayer.app.config.ResumePositions;
import org.smoothplayer.app.config.WindowBounds;
import org.smoothplayer.app.text.CaptionTrack;
import org.smoothplayer.app.ui.session.SessionRecordings;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The launcher's contract with the command line: block while the window is open, then clean up. */
@ExtendWith(ApplicationExtension.class)
class PlayerWindowLauncherTest {

  /** The player window showing {@code url}, once it is on screen. */
  static Stage awaitWindow(String url) throws TimeoutException {
    String title = "Smooth Player \u2014 " + url;
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> findWindow(title).isPresent());
    return findWindow(title).orElseThrow();
  }

  private static Optional<Stage> findWindow(String title) {
    return Fx.call(
        () ->
            Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && title.equals(s.getTitle()) && s.isShowing())
                .map(w -> (Stage) w)
                .findFirst());
  }

  @Test
  void run_shows_the_window_on_the_url_and_returns_once_it_closes_the_player() throws Exception {
    FakePlayer player = new FakePlayer(new Snapshots().build());
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> PlayerWindowLauncher.run(Snapshots.URL, (u, startUs) -> player));

    Stage stage = awaitWindow(Snapshots.URL);
    assertThat(exit).isNotDone();
    assertThat(Fx.call(stage::getMinWidth)).isEqualTo(PlayerWindowLauncher.MIN_WIDTH);
    assertThat(Fx.call(stage::getMinHeight)).isEqualTo(PlayerWindowLauncher.MIN_HEIGHT);
    assertThat(Fx.call(() -> stage.getScene().getWidth()))
        .isEqualTo(PlayerWindowLauncher.DEFAULT_WIDTH);
    assertThat(player.closed()).isFalse();

    Fx.run(stage::hide);

    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(PlayerWindowLauncher.EXIT_OK);
    assertThat(player.closed()).isTrue();
  }

  @Test
  void an_opener_failure_shows_in_the_window_instead_of_ending_it() throws Exception {
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                PlayerWindowLauncher.run(
                    Snapshots.URL,
                    (u, startUs) -> {
                      throw new IllegalArgumentException("URL: expected an http or https URL");
                    }));

    Stage stage = awaitWindow(Snapshots.URL);
    String error =
        Fx.call(
            () -> ((javafx.scene.control.Label) stage.getScene().lookup("#errorText")).getText());
    assertThat(error)
        .isEqualTo("Cannot open " + Snapshots.URL + ": URL: expected an http or https URL");
    Fx.run(stage::hide);
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(PlayerWindowLauncher.EXIT_OK);
  }

  /** A window on {@link Snapshots#URL} playing {@code player}, with {@code settings}. */
  private static CompletableFuture<Integer> window(FakePlayer player, CurrentSettings settings) {
    return window(FirstSession.of(Snapshots.URL), (u, startUs) -> player, settings);
  }

  @Test
  void the_next_window_starts_with_the_volume_and_mute_the_last_one_closed_with(@TempDir Path dir)
      throws Exception {
    CurrentSettings settings =
        CurrentSettings.stored(ConfigStore.at(dir), AppSettings.DEFAULTS, List.of());
    FakePlayer first = new FakePlayer(new Snapshots().build());
    CompletableFuture<Integer> exit = window(first, settings);
    Stage stage = awaitWindow(Snapshots.URL);
    assertThat(first.commands()).contains("volume 1.0", "muted false");
    PlayerView view = (PlayerView) Fx.call(() -> stage.getScene().getRoot());
    Fx.run(
        () -> {
          view.viewModel().setVolume(0.4);
          view.viewModel().toggleMute();
        });
    Fx.run(stage::hide);
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(PlayerWindowLauncher.EXIT_OK);

    FakePlayer second = new FakePlayer(new Snapshots().build());
    exit = window(second, settings);
    Stage next = awaitWindow(Snapshots.URL);
    assertThat(second.commands()).containsSubsequence("volume 0.4", "muted true");
    Fx.run(next::hide);
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(PlayerWindowLauncher.EXIT_OK);
  }

  @Test
  void the_next_window_opens_where_and_as_large_as_the_last_one_closed(@TempDir Path dir)
      throws Exception {
    CurrentSettings settings =
        CurrentSettings.stored(ConfigStore.at(dir), AppSettings.DEFAULTS, List.of());
    CompletableFuture<Integer> exit = window(new FakePlayer(new Snapshots().build()), settings);
    Stage stage = awaitWindow(Snapshots.URL);
    Fx.run(
        () -> {
          stage.setX(40);
          stage.setY(30);
          // Inside Monocle's headless screen (1280 x 800), above the window's minimum size.
          stage.setWidth(520);
          stage.setHeight(360);
        });
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> Fx.call(() -> stage.getScene().getWidth() < 600));
    double sceneWidth = Fx.call(() -> stage.getScene().getWidth());
    double sceneHeight = Fx.call(() -> stage.getScene().getHeight());
    Fx.run(stage::hide);
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(PlayerWindowLauncher.EXIT_OK);
    assertThat(WindowBounds.stored(ConfigStore.at(dir)))
        .contains(new WindowBounds(40, 30, sceneWidth, sceneHeight, false));

    exit = window(new FakePlayer(new Snapshots().build()), settings);
    Stage next = awaitWindow(Snapshots.URL);
    assertThat(Fx.call(() -> List.of(next.getX(), next.getY()))).containsExactly(40.0, 30.0);
    assertThat(Fx.call(() -> List.of(next.getScene().getWidth(), next.getScene().getHeight())))
        .containsExactly(sceneWidth, sceneHeight);
    Fx.run(next::hide);
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(PlayerWindowLauncher.EXIT_OK);
  }

  @Test
  void the_next_window_opens_a_presentation_where_the_last_one_left_it_unless_a_start_is_given(
      @TempDir Path dir) throws Exception {
    CurrentSettings settings =
        CurrentSettings.stored(ConfigStore.at(dir), AppSettings.DEFAULTS, List.of());
    Snapshots midway = new Snapshots();
    midway.positionUs = 75_000_000;
    List<Long> startsUs = new CopyOnWriteArrayList<>();
    SessionOpener opener =
        (u, startUs) -> {
          startsUs.add(startUs);
          return new FakePlayer(midway.build());
        };

    CompletableFuture<Integer> exit = window(FirstSession.of(Snapshots.URL), opener, settings);
    Stage stage = awaitWindow(Snapshots.URL);
    PlayerView view = (PlayerView) Fx.call(() -> stage.getScene().getRoot());
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> Fx.call(() -> view.viewModel().positionUsProperty().get() == 75_000_000));
    Fx.run(stage::hide);
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(PlayerWindowLauncher.EXIT_OK);
    assertThat(dir.resolve(ResumePositions.FILE)).hasContent("75.000\t" + Snapshots.URL);

    exit = window(FirstSession.of(Snapshots.URL), opener, settings);
    Stage next = awaitWindow(Snapshots.URL);
    PlayerView nextView = (PlayerView) Fx.call(() -> next.getScene().getRoot());
    assertThat(Fx.call(() -> nextView.viewModel().noticeTextProperty().get()))
        .isEqualTo("Resumed at 1:15, where it was left (Home: from the start)");
    Fx.run(next::hide);
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(PlayerWindowLauncher.EXIT_OK);

    // --start 30 wins over where it was left.
    exit = window(new FirstSession(Snapshots.URL, true, false, 30_000_000), opener, settings);
    Stage third = awaitWindow(Snapshots.URL);
    Fx.run(third::hide);
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(PlayerWindowLauncher.EXIT_OK);

    assertThat(startsUs).containsExactly(0L, 75_000_000L, 30_000_000L);
  }

  private static CompletableFuture<Integer> window(
      FirstSession first, SessionOpener opener, CurrentSettings settings) {
    return CompletableFuture.supplyAsync(
        () -> PlayerWindowLauncher.run(first, opener, settings, new SessionRecordings()));
  }

  /** Captions in English and in French. */
  private static final List<CaptionTrack> TWO_CAPTION_TRACKS =
      List.of(
          new CaptionTrack("textstream_eng", "English (captions)", "eng", "CAPT"),
          new CaptionTrack("textstream_fra", "French (subtitles)", "fra", "SUBT"));

  @Test
  void the_next_window_shows_captions_in_the_language_the_last_one_closed_with(@TempDir Path dir)
      throws Exception {
    CurrentSettings settings =
        CurrentSettings.stored(ConfigStore.at(dir), AppSettings.DEFAULTS, List.of());
    List<CaptionTrack> tracks = TWO_CAPTION_TRACKS;
    FakePlayer first = new FakePlayer(new Snapshots().build());
    first.fakeCaptions().setTracks(tracks);
    CompletableFuture<Integer> exit = window(first, settings);
    Stage stage = awaitWindow(Snapshots.URL);
    PlayerView view = (PlayerView) Fx.call(() -> stage.getScene().getRoot());
    awaitTracks(view);
    assertThat(first.commands()).noneMatch(c -> c.startsWith("captions"));
    Fx.run(() -> view.viewModel().chooseCaptions("textstream_fra"));
    Fx.run(stage::hide);
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(PlayerWindowLauncher.EXIT_OK);
    assertThat(CaptionChoice.stored(ConfigStore.at(dir))).isEqualTo(new CaptionChoice(true, "fra"));

    FakePlayer second = new FakePlayer(new Snapshots().build());
    second.fakeCaptions().setTracks(tracks);
    exit = window(second, settings);
    Stage next = awaitWindow(Snapshots.URL);
    PlayerView nextView = (PlayerView) Fx.call(() -> next.getScene().getRoot());
    awaitTracks(nextView);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(second.commands()).contains("captions textstream_fra");
    Fx.run(() -> nextView.viewModel().chooseCaptions(""));
    Fx.run(next::hide);
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(PlayerWindowLauncher.EXIT_OK);
    assertThat(CaptionChoice.stored(ConfigStore.at(dir)))
        .isEqualTo(new CaptionChoice(false, "fra"));
  }

  @Test
  void captions_off_on_the_command_line_starts_the_window_without_the_captions_it_closed_with(
      @TempDir Path dir) throws Exception {
    CurrentSettings settings =
        CurrentSettings.stored(ConfigStore.at(dir), AppSettings.DEFAULTS, List.of());
    new CaptionChoice(true, "fra").store(ConfigStore.at(dir));
    FakePlayer player = new FakePlayer(new Snapshots().build());
    player.fakeCaptions().setTracks(TWO_CAPTION_TRACKS);
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () ->
                PlayerWindowLauncher.run(
                    new FirstSession(Snapshots.URL, true, true, FirstSession.WHERE_LEFT),
                    (u, startUs) -> player,
                    settings,
                    new SessionRecordings()));
    Stage stage = awaitWindow(Snapshots.URL);
    PlayerView view = (PlayerView) Fx.call(() -> stage.getScene().getRoot());
    awaitTracks(view);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(player.commands()).noneMatch(c -> c.startsWith("captions"));
    // The language the last window chose is kept: turned on, captions come in it.
    Fx.run(() -> view.viewModel().toggleCaptions());
    assertThat(player.commands()).contains("captions textstream_fra");
    Fx.run(stage::hide);
    assertThat(exit.get(10, TimeUnit.SECONDS)).isEqualTo(PlayerWindowLauncher.EXIT_OK);
  }

  private static void awaitTracks(PlayerView view) throws TimeoutException {
    WaitForAsyncUtils.waitFor(
        5, TimeUnit.SECONDS, () -> Fx.call(() -> !view.viewModel().captionTracks().isEmpty()));
  }

  @Test
  void without_a_display_run_explains_and_returns_1() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            NoDisplayMain.class.getName());
    builder.environment().remove("DISPLAY");
    builder.environment().remove("WAYLAND_DISPLAY");
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);

    assertThat(ended).isTrue();
    assertThat(process.exitValue()).as(err).isEqualTo(PlayerWindowLauncher.EXIT_NO_DISPLAY);
    assertThat(err).contains("smooth-player: no display: ").contains("use --headless");
  }
}
