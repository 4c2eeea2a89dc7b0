package org.smoothplayer.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.VerticalDirection;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.engine.LevelInfo;
import org.smoothplayer.app.engine.PlaybackEngine;
import org.smoothplayer.app.engine.Player;
import org.smoothplayer.app.engine.PlayerState;
import org.smoothplayer.app.playback.ShownFrame;
import org.smoothplayer.app.text.CaptionTrack;
import org.smoothplayer.app.text.Cue;
import org.smoothplayer.decoder.video.PixelBufferPool;
import org.smoothplayer.decoder.video.VideoFrame;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The whole window content on a headless stage, driven by keys and clicks, on a fake player. */
@ExtendWith(ApplicationExtension.class)
class PlayerViewTest {

  private static final String OTHER_URL = "https://example.org/other/Manifest";

  private final PixelBufferPool pool = new PixelBufferPool();
  private final Snapshots snapshot = new Snapshots();
  private final FakePlayer player = new FakePlayer(snapshot.build());
  private PlayerViewModel viewModel;
  private PlayerView view;
  private Stage stage;
  // The view model's clock: moves only when a test moves it.
  private final AtomicLong clockNs = new AtomicLong(1_000_000_000L);

  /**
   * Shows the view on a stage of its own, not TestFX's shared primary stage: tests here resize it
   * and take it to full screen, which must not carry over to the next test class.
   */
  @Start
  void start(Stage primary) {
    stage = new Stage();
    viewModel = new PlayerViewModel((url, startUs) -> player, Player::close, clockNs::get);
    view = new PlayerView(viewModel);
    stage.setScene(new Scene(view, 900, 560));
    stage.show();
    viewModel.openUrl(Snapshots.URL);
    view.start();
  }

  @AfterEach
  void stop() {
    Fx.run(view::stop);
    Fx.run(stage::close);
    pool.close();
  }

  /** Waits (bounded) until {@code condition} holds on the FX thread. */
  private static void await(String what, BooleanSupplier condition) {
    try {
      WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Fx.call(condition::getAsBoolean));
    } catch (TimeoutException e) {
      throw new AssertionError("timed out waiting until " + what, e);
    }
  }

  /** Publishes a live session 32 s behind the edge of a 64-s DVR window. */
  private void publishLiveBehindTheEdge() {
    snapshot.live = true;
    snapshot.durationUs = 0;
    snapshot.positionUs = 3_622_000_000L;
    snapshot.seekableStartUs = 3_590_000_000L;
    snapshot.seekableEndUs = 3_654_000_000L;
    snapshot.liveLatencyMs = 32_000;
    publish();
  }

  private void publish() {
    player.publish(snapshot.build());
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static <T extends Node> T node(FxRobot robot, String id) {
    return robot.lookup(id).query();
  }

  @Test
  void the_surface_shows_the_due_frames_and_closes_every_one(FxRobot robot) {
    List<VideoFrame> frames =
        List.of(
            TestFrames.pattern(pool, 64, 36, 64 * 4, 0),
            TestFrames.pattern(pool, 64, 36, 64 * 4, 40_000),
            TestFrames.pattern(pool, 96, 54, 96 * 4 + 32, 80_000));
    frames.forEach(f -> player.queue(new ShownFrame(f, 1, 0)));

    await("every frame is closed", () -> frames.stream().allMatch(TestFrames::isClosed));

    VideoSurface surface = node(robot, "#surface");
    javafx.scene.image.Image image = Fx.call(surface::image);
    assertThat(image.getWidth()).isEqualTo(96);
    assertThat(image.getPixelReader().getArgb(10, 10)).isEqualTo(TestFrames.RED);
    assertThat(image.getPixelReader().getArgb(90, 50)).isEqualTo(TestFrames.WHITE);
  }

  @Test
  void save_frame_writes_the_picture_on_screen_as_decoded_and_says_where(
      FxRobot robot, @TempDir Path dir) throws Exception {
    Fx.run(() -> view.saveFrame(dir));
    await(
        "the window says there is no picture",
        () -> !viewModel.noticeTextProperty().get().isEmpty());
    assertThat(Fx.call(() -> viewModel.noticeTextProperty().get()))
        .isEqualTo("No picture to save yet");

    VideoFrame frame = TestFrames.pattern(pool, 96, 54, 96 * 4 + 32, 0);
    player.queue(new ShownFrame(frame, 1, 0));
    await("the frame is shown", () -> TestFrames.isClosed(frame));
    Fx.run(() -> view.saveFrame(dir));
    await(
        "the window says where the frame went",
        () -> viewModel.noticeTextProperty().get().startsWith("Frame saved to "));

    Path file = Path.of(Fx.call(() -> viewModel.noticeTextProperty().get()).substring(15));
    assertThat(file.getParent()).isEqualTo(dir);
    assertThat(file.getFileName().toString()).startsWith("smooth-player-").endsWith(".png");
    java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(file.toFile());
    assertThat(png.getWidth()).isEqualTo(96);
    assertThat(png.getHeight()).isEqualTo(54);
    assertThat(png.getRGB(10, 10)).isEqualTo(TestFrames.RED);
    assertThat(png.getRGB(90, 50)).isEqualTo(TestFrames.WHITE);
  }

  @Test
  void the_surface_size_reaches_the_player(FxRobot robot) {
    await(
        "a viewport is reported",
        () -> player.commands().stream().anyMatch(c -> c.startsWith("viewport ")));
    VideoSurface surface = node(robot, "#surface");
    String expected =
        Fx.call(
            () ->
                "viewport "
                    + (int) Math.ceil(surface.getWidth())
                    + "x"
                    + (int) Math.ceil(surface.getHeight()));
    assertThat(player.commands()).filteredOn(c -> c.startsWith("viewport ")).endsWith(expected);
  }

  @Test
  void space_pauses_and_plays(FxRobot robot) {
    robot.type(KeyCode.SPACE);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(player.lastCommand()).isEqualTo("pause");
    assertThat(robot.lookup("#playPause").queryButton().getText()).isEqualTo("Play");

    robot.type(KeyCode.SPACE);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(player.lastCommand()).isEqualTo("play");
    assertThat(robot.lookup("#playPause").queryButton().getText()).isEqualTo("Pause");
  }

  @Test
  void a_live_session_shows_the_live_button_which_returns_to_the_edge(FxRobot robot) {
    assertThat(robot.lookup("#liveButton").queryButton().isVisible()).isFalse();
    publishLiveBehindTheEdge();
    await(
        "the live button shows",
        () -> Fx.call(() -> robot.lookup("#liveButton").queryButton().isVisible()));
    assertThat(robot.lookup("#timeLabel").queryLabeled().getText()).isEqualTo("-0:32 \u00b7 live");

    robot.clickOn("#liveButton");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(player.lastCommand()).isEqualTo("live");
  }

  @Test
  void at_the_minimum_window_width_every_button_shows_its_whole_text_and_the_bar_fits() {
    Fx.run(() -> stage.setWidth(PlayerWindowLauncher.MIN_WIDTH));
    snapshot.durationUs = 3_600_000_000L;
    snapshot.positionUs = 3_599_000_000L;
    publish();
    assertControlsFit("an hour-long presentation");

    publishLiveBehindTheEdge();
    await("the live button shows", () -> node(view, "#liveButton").isVisible());
    assertControlsFit("a live presentation");
  }

  @Test
  void a_narrow_window_hides_the_volume_slider_so_the_seek_bar_keeps_room() {
    // Wide first, then narrow: Monocle's pixel buffer does not follow a window that grows again.
    publish();
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(Fx.call(() -> node(view, "#volume").isVisible())).isTrue();

    Fx.run(() -> stage.setWidth(PlayerWindowLauncher.MIN_WIDTH));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(Fx.call(() -> node(view, "#volume").isVisible())).isFalse();
    assertThat(Fx.call(() -> node(view, "#seekArea").getBoundsInParent().getWidth()))
        .isGreaterThanOrEqualTo(120);
  }

  private void assertControlsFit(String what) {
    WaitForAsyncUtils.waitForFxEvents();
    Fx.run(
        () -> {
          HBox bar = (HBox) node(view, "#controls");
          assertThat(view.getScene().getWidth()).as(what).isEqualTo(PlayerWindowLauncher.MIN_WIDTH);
          for (Node child : bar.getChildren()) {
            if (child instanceof Labeled labeled && child.isManaged()) {
              assertThat(labeled.getWidth())
                  .as("%s: %s '%s'", what, child.getId(), labeled.getText())
                  .isGreaterThanOrEqualTo(labeled.prefWidth(-1));
            }
          }
          Node last = bar.getChildren().get(bar.getChildren().size() - 1);
          assertThat(last.getBoundsInParent().getMaxX())
              .as("%s: the last control ends inside the bar", what)
              .isLessThanOrEqualTo(bar.getWidth() - bar.getPadding().getRight());
          assertThat(node(view, "#seekArea").getBoundsInParent().getWidth())
              .as("%s: the seek area", what)
              .isGreaterThanOrEqualTo(PlayerView.MIN_SLIDER_WIDTH);
        });
  }

  private static Node node(Node root, String id) {
    return root.lookup(id);
  }

  @Test
  void in_full_screen_the_bars_lie_over_the_picture_and_hide_while_it_plays_untouched(
      FxRobot robot) {
    StackPane area = (StackPane) node(view, "#videoArea");
    Node controls = node(view, "#controls");
    Node menuBar = node(view, "#menuBar");

    Fx.run(() -> stage.setFullScreen(true));
    await("the bars are over the picture", () -> area.getChildren().contains(controls));
    assertThat(Fx.call(() -> area.getChildren().contains(menuBar))).isTrue();
    await("the picture fills the window", () -> area.getHeight() == view.getHeight());
    assertThat(robot.lookup("#fullscreen").queryButton().getText()).isEqualTo("Exit fullscreen");

    robot.moveTo("#surface");
    clockNs.addAndGet(PlayerViewModel.CONTROLS_HIDE_AFTER_NS);
    await("the bars hide", () -> !controls.isVisible() && !menuBar.isVisible());
    assertThat(Fx.call(area::getCursor)).isEqualTo(Cursor.NONE);

    robot.moveBy(5, 5);
    await("the bars show again", () -> controls.isVisible() && menuBar.isVisible());
    assertThat(Fx.call(area::getCursor)).isEqualTo(Cursor.DEFAULT);

    Fx.run(() -> stage.setFullScreen(false));
    await("the bars are back around the picture", () -> view.getBottom() == controls);
    assertThat(Fx.call(view::getTop)).isSameAs(menuBar);
    assertThat(Fx.call(() -> area.getChildren().contains(controls))).isFalse();
    assertThat(robot.lookup("#fullscreen").queryButton().getText()).isEqualTo("Fullscreen");
  }

  @Test
  void a_double_click_on_the_picture_toggles_full_screen_and_the_wheel_changes_the_volume(
      FxRobot robot) {
    robot.doubleClickOn("#surface");
    await("full screen", () -> stage.isFullScreen());
    robot.doubleClickOn("#surface");
    await("out of full screen", () -> !stage.isFullScreen());

    // Two notches one way move the volume two steps; two the other way bring it back.
    Fx.run(() -> viewModel.setVolume(0.5));
    robot.moveTo("#surface").scroll(2, VerticalDirection.DOWN);
    WaitForAsyncUtils.waitForFxEvents();
    double scrolled = Fx.call(() -> viewModel.volumeProperty().get());
    assertThat(Math.abs(scrolled - 0.5)).isCloseTo(2 * PlayerViewModel.VOLUME_STEP, within(1e-9));
    robot.scroll(2, VerticalDirection.UP);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(Fx.call(() -> viewModel.volumeProperty().get())).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void digits_jump_to_tenths_and_home_and_end_to_the_start_and_the_end(FxRobot robot) {
    robot.type(KeyCode.DIGIT5);
    robot.type(KeyCode.NUMPAD9);
    robot.type(KeyCode.HOME);
    robot.type(KeyCode.END);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(player.commands())
        .containsSubsequence("seek 120000000", "seek 216000000", "seek 0", "seek 240000000");
  }

  @Test
  void the_play_button_pauses(FxRobot robot) {
    robot.clickOn("#playPause");

    assertThat(player.lastCommand()).isEqualTo("pause");
  }

  @Test
  void arrows_seek_and_change_the_volume_and_m_mutes(FxRobot robot) {
    robot.type(KeyCode.RIGHT);
    robot.type(KeyCode.DOWN);
    robot.type(KeyCode.M);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(player.commands()).containsSubsequence("seek 15000000", "volume 0.9", "muted true");
    assertThat(robot.lookup("#mute").queryButton().getText()).isEqualTo("Unmute");
  }

  @Test
  void choosing_a_level_in_the_quality_menu_reaches_the_player(FxRobot robot) {
    // Under Auto, its item names the level on screen.
    assertThat(Fx.call(() -> qualityItem(robot, 0).getText())).isEqualTo("Auto (320\u00d7180)");

    robot.clickOn("Quality");
    robot.clickOn("320\u00d7180 \u00b7 0.40 Mbps");
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(player.lastCommand()).isEqualTo("quality level 1");
    RadioMenuItem chosen = Fx.call(() -> qualityItem(robot, 2));
    assertThat(chosen.getId()).isEqualTo("quality-2");
    assertThat(chosen.isSelected()).isTrue();
  }

  @Test
  void the_audio_menu_names_each_language_in_english_and_a_choice_reaches_the_player(
      FxRobot robot) {
    assertThat(
            Fx.call(
                () ->
                    ((javafx.scene.control.MenuBar) node(robot, "#menuBar"))
                        .getMenus().get(3).getItems().stream()
                            .map(javafx.scene.control.MenuItem::getText)
                            .toList()))
        .containsExactly("English", "French");

    robot.clickOn("Audio");
    robot.clickOn("French");
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(player.lastCommand()).isEqualTo("audio fr");
  }

  private static RadioMenuItem qualityItem(FxRobot robot, int index) {
    return (RadioMenuItem)
        ((javafx.scene.control.MenuBar) node(robot, "#menuBar"))
            .getMenus()
            .get(2)
            .getItems()
            .get(index);
  }

  @Test
  void the_stats_overlay_toggles_with_i_and_from_the_view_menu(FxRobot robot) {
    Label overlay = node(robot, "#statsOverlay");
    assertThat(overlay.isVisible()).isFalse();

    robot.type(KeyCode.I);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(overlay.isVisible()).isTrue();
    assertThat(overlay.getText())
        .startsWith("Level: 1 (levels 0\u20131; decided 1)\nResolution: 320\u00d7180\n")
        .contains("Frames: 250 rendered, 3 dropped");

    robot.clickOn("View");
    robot.clickOn("Stats overlay (I)");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(overlay.isVisible()).isFalse();
  }

  @Test
  void an_audio_only_presentation_says_so_on_the_surface_and_offers_its_audio_levels(
      FxRobot robot) {
    Label audioOnly = node(robot, "#audioOnly");
    assertThat(audioOnly.isVisible()).isFalse();

    snapshot.audioOnlyReason = PlaybackEngine.AUDIO_ONLY_NO_VIDEO;
    snapshot.levels = List.of(new LevelInfo(0, 64_000, 0, 0), new LevelInfo(1, 128_000, 0, 0));
    publish();

    assertThat(audioOnly.isVisible()).isTrue();
    assertThat(audioOnly.getText()).isEqualTo("\u266a  Audio only: this presentation has no video");
    assertThat(qualityItem(robot, 1).getText()).isEqualTo("64 kbps");
    assertThat(qualityItem(robot, 2).getText()).isEqualTo("128 kbps");
    Fx.run(() -> view.saveFrame(Path.of("unused")));
    await(
        "the window says why there is no picture",
        () -> !viewModel.noticeTextProperty().get().isEmpty());
    assertThat(Fx.call(() -> viewModel.noticeTextProperty().get()))
        .isEqualTo("No picture to save: the audio plays alone");
  }

  @Test
  void f1_lists_every_key_the_window_acts_on_and_every_menu_accelerator(FxRobot robot) {
    robot.type(KeyCode.F1);
    await(
        "the shortcuts window shows", () -> robot.lookup("#shortcutsGrid").tryQuery().isPresent());

    GridPane grid = node(robot, "#shortcutsGrid");
    List<String> lines =
        Fx.call(
            () -> {
              List<String> texts =
                  grid.getChildren().stream().map(n -> ((Label) n).getText()).toList();
              List<String> joined = new ArrayList<>();
              for (int i = 0; i + 1 < texts.size(); i += 2) {
                joined.add(texts.get(i) + " = " + texts.get(i + 1));
              }
              return joined;
            });
    assertThat(lines)
        .contains(
            "Space = play / pause (after the end: play again; after a failure: open again)",
            "\u2190 / \u2192 = seek \u22125 s / +5 s",
            "0 \u2026 9 = seek to 0 %, 10 % \u2026 90 % (of the DVR window when live)",
            "\u2191 / \u2193 = volume +10 % / \u221210 % (also the wheel)",
            "M = mute / unmute",
            "C = captions on / off",
            "I = stats overlay on / off",
            "Ctrl+O = File \u25b8 Open URL\u2026",
            "Ctrl+Q = File \u25b8 Quit",
            "Ctrl+L = View \u25b8 Session\u2026",
            "F1 = Help \u25b8 Keyboard Shortcuts");
    Fx.run(() -> grid.getScene().getWindow().hide());

    // The list is the key handler's own table: a key it names acts.
    robot.type(KeyCode.I);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(node(robot, "#statsOverlay").isVisible()).isTrue();
  }

  @Test
  void help_about_names_the_version_the_runtime_ffmpeg_and_the_licence(FxRobot robot) {
    robot.clickOn("Help");
    robot.clickOn("About Smooth Player");
    await("the about box shows", () -> robot.lookup("#aboutDialog").tryQuery().isPresent());

    DialogPane about = node(robot, "#aboutDialog");
    assertThat(Fx.call(about::getHeaderText)).startsWith("Smooth Player ");
    assertThat(Fx.call(about::getContentText))
        .contains("Java " + System.getProperty("java.version"))
        .containsPattern("FFmpeg [0-9]+\\.")
        .contains("GPL-3.0-or-later");
    Fx.run(() -> about.getScene().getWindow().hide());
  }

  @Test
  void the_error_banner_shows_the_engine_error(FxRobot robot) {
    Node banner = node(robot, "#errorBanner");
    assertThat(banner.isVisible()).isFalse();

    snapshot.state = PlayerState.FAILED;
    snapshot.error = Optional.of("Manifest request failed: HTTP 404 for " + Snapshots.URL);
    publish();

    await("the banner shows", banner::isVisible);
    assertThat(robot.lookup("#errorText").queryLabeled().getText())
        .isEqualTo("Manifest request failed: HTTP 404 for " + Snapshots.URL);

    // The words of a banner cannot be selected: Copy puts them on the clipboard for a report.
    Fx.run(() -> Clipboard.getSystemClipboard().clear());
    robot.clickOn("#errorCopy");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(Fx.call(() -> Clipboard.getSystemClipboard().getString()))
        .isEqualTo("Manifest request failed: HTTP 404 for " + Snapshots.URL);
    assertThat(Fx.call(() -> viewModel.noticeTextProperty().get()))
        .isEqualTo("Error message copied");
  }

  @Test
  void a_refused_url_shows_in_the_banner_until_dismissed(FxRobot robot) {
    Fx.run(() -> viewModel.openUrl("gopher://example.org/Manifest"));
    Node banner = node(robot, "#errorBanner");
    assertThat(banner.isVisible()).isTrue();
    assertThat(robot.lookup("#errorText").queryLabeled().getText())
        .contains("the scheme 'gopher' is not supported");

    // However long the message, the button keeps its word.
    Fx.run(() -> viewModel.openUrl("gopher://example.org/" + "very/long/path/".repeat(30)));
    WaitForAsyncUtils.waitForFxEvents();
    javafx.scene.control.Button dismiss = robot.lookup("#errorDismiss").queryButton();
    assertThat(Fx.call(dismiss::getWidth))
        .isGreaterThanOrEqualTo(Fx.call(() -> dismiss.prefWidth(-1)));

    robot.clickOn("#errorDismiss");

    assertThat(banner.isVisible()).isFalse();
  }

  @Test
  void file_open_recent_lists_what_opened_and_an_entry_opens_it_again(FxRobot robot) {
    Fx.run(() -> viewModel.openUrl(OTHER_URL));

    robot.clickOn("File");
    robot.clickOn("Open Recent");
    // Along the first entry to the second: a straight path would cross the File menu's next row.
    robot.moveTo(showing(robot, OTHER_URL));
    robot.clickOn(showing(robot, Snapshots.URL));
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(viewModel.titleProperty().get()).endsWith(Snapshots.URL);
    assertThat(viewModel.recentInputs()).containsExactly(Snapshots.URL, OTHER_URL);

    // The submenu was rebuilt when the entry moved up; its item is reached directly.
    Fx.run(() -> ((Menu) menuItem(robot, 0, "recentMenu")).getItems().get(3).fire());
    assertThat(viewModel.recentInputs()).isEmpty();
    assertThat(Fx.call(() -> ((Menu) menuItem(robot, 0, "recentMenu")).isDisable())).isTrue();
  }

  @Test
  void file_open_file_opens_the_chosen_manifest_by_its_file_url(FxRobot robot, @TempDir Path dir)
      throws IOException {
    Path manifest = Files.writeString(dir.resolve("film.Manifest"), "<SmoothStreamingMedia/>");
    Fx.run(() -> view.setManifestChooser(owner -> manifest.toFile()));

    Fx.run(() -> menuItem(robot, 0, "openFileItem").fire());

    assertThat(viewModel.titleProperty().get()).endsWith(manifest.toUri().toString());
    assertThat(viewModel.recentInputs().get(0)).isEqualTo(manifest.toUri().toString());
  }

  @Test
  void the_open_dialog_offers_the_recent_inputs_with_the_latest_selected_and_enter_opens(
      FxRobot robot) {
    Fx.run(() -> Clipboard.getSystemClipboard().clear());
    Fx.run(() -> viewModel.openUrl(OTHER_URL));

    Platform.runLater(view::showOpenDialog);
    await("the open dialog shows", () -> robot.lookup("#openInput").tryQuery().isPresent());
    ComboBox<?> input = robot.lookup("#openInput").queryAs(ComboBox.class);
    await("its field has the focus", () -> input.isFocused());
    assertThat(Fx.call(() -> input.getEditor().getSelectedText())).isEqualTo(OTHER_URL);
    assertThat(Fx.call(() -> List.<Object>copyOf(input.getItems())))
        .containsExactly(OTHER_URL, Snapshots.URL);

    robot.targetWindow(input.getScene().getWindow());
    robot.write("http://typed.example/Manifest");
    assertThat(Fx.call(() -> input.getEditor().getText()))
        .isEqualTo("http://typed.example/Manifest");
    robot.type(KeyCode.ENTER);
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(viewModel.titleProperty().get()).endsWith("http://typed.example/Manifest");
    assertThat(viewModel.recentInputs().get(0)).isEqualTo("http://typed.example/Manifest");
  }

  @Test
  void the_open_dialog_starts_with_a_url_on_the_clipboard(FxRobot robot) {
    Fx.run(() -> viewModel.openUrl(OTHER_URL));
    Fx.run(
        () -> {
          ClipboardContent copied = new ClipboardContent();
          copied.putString("  https://clip.example/film.ism/Manifest\n");
          Clipboard.getSystemClipboard().setContent(copied);
        });

    Platform.runLater(view::showOpenDialog);
    await("the open dialog shows", () -> robot.lookup("#openInput").tryQuery().isPresent());
    ComboBox<?> input = robot.lookup("#openInput").queryAs(ComboBox.class);
    await("its field has the focus", () -> input.isFocused());
    assertThat(Fx.call(() -> input.getEditor().getSelectedText()))
        .isEqualTo("https://clip.example/film.ism/Manifest");
    assertThat(Fx.call(() -> List.<Object>copyOf(input.getItems())))
        .as("the recent inputs stay offered")
        .containsExactly(OTHER_URL, Snapshots.URL);
    Fx.run(() -> input.getScene().getWindow().hide());
  }

  @Test
  void only_one_http_or_https_url_on_the_clipboard_is_taken_for_the_open_dialog() {
    assertThat(OpenMenu.copiedUrl(" http://a.example/M ")).contains("http://a.example/M");
    assertThat(OpenMenu.copiedUrl("HTTPS://A.example/M")).contains("HTTPS://A.example/M");
    assertThat(OpenMenu.copiedUrl("see http://a.example/M")).isEmpty();
    assertThat(OpenMenu.copiedUrl("http://a.example/M http://b.example/M")).isEmpty();
    assertThat(OpenMenu.copiedUrl("ftp://a.example/M")).isEmpty();
    assertThat(OpenMenu.copiedUrl("https://")).isEmpty();
    assertThat(OpenMenu.copiedUrl("http://a")).contains("http://a");
    assertThat(OpenMenu.copiedUrl(null)).isEmpty();
    assertThat(OpenMenu.copiedUrl("http://a.example/" + "x".repeat(5000))).isEmpty();
  }

  @Test
  void a_long_recent_input_keeps_its_start_and_end_around_an_ellipsis() {
    String longUrl = "https://cdn.example.org/" + "segment/".repeat(20) + "film.ism/Manifest";

    String label = OpenMenu.menuLabel(longUrl);

    assertThat(label).hasSize(OpenMenu.MENU_LABEL_CHARS);
    assertThat(label).startsWith("https://cdn.example.org/").endsWith("film.ism/Manifest");
    assertThat(label).contains("\u2026");
    assertThat(OpenMenu.menuLabel(Snapshots.URL)).isEqualTo(Snapshots.URL);
  }

  /** The node showing {@code text} in a window on screen (closed popups may keep old ones). */
  private static Node showing(FxRobot robot, String text) {
    return robot
        .lookup(text)
        .match(
            (Node n) ->
                n.getScene() != null
                    && n.getScene().getWindow() != null
                    && n.getScene().getWindow().isShowing())
        .queryAs(Node.class);
  }

  private static MenuItem menuItem(FxRobot robot, int menu, String id) {
    return ((javafx.scene.control.MenuBar) node(robot, "#menuBar"))
        .getMenus().get(menu).getItems().stream()
            .filter(i -> id.equals(i.getId()))
            .findFirst()
            .orElseThrow();
  }

  @Test
  void the_captions_menu_lists_off_and_each_track_and_the_chosen_lines_show_over_the_picture(
      FxRobot robot) {
    Menu captions =
        Fx.call(() -> ((javafx.scene.control.MenuBar) node(robot, "#menuBar")).getMenus().get(4));
    assertThat(Fx.call(captions::isDisable)).as("no caption track yet").isTrue();
    player
        .fakeCaptions()
        .setTracks(
            List.of(
                new CaptionTrack("textstream_eng", "English (captions)", "eng", "CAPT"),
                new CaptionTrack("textstream_fra", "French (subtitles)", "fra", "SUBT")));
    player.fakeCaptions().addCue(new Cue(9_000_000, 11_000_000, List.of("Caption 5", "0:09.0")));
    publish();
    await("the menu lists the tracks", () -> captions.getItems().size() == 3);
    assertThat(Fx.call(() -> captions.getItems().stream().map(MenuItem::getText).toList()))
        .containsExactly("Off", "English (captions)", "French (subtitles)");
    assertThat(Fx.call(() -> ((RadioMenuItem) captions.getItems().get(0)).isSelected())).isTrue();
    Label lines = node(robot, "#captions");
    assertThat(Fx.call(lines::isVisible)).isFalse();

    Fx.run(() -> captions.getItems().get(1).fire());
    await("the lines show", lines::isVisible);

    assertThat(player.commands()).contains("captions textstream_eng");
    assertThat(Fx.call(lines::getText)).isEqualTo("Caption 5\n0:09.0");
    assertThat(Fx.call(() -> ((RadioMenuItem) captions.getItems().get(1)).isSelected())).isTrue();
    Region area = node(robot, "#videoArea");
    Bounds box = Fx.call(() -> lines.localToScene(lines.getBoundsInLocal()));
    Bounds picture = Fx.call(() -> area.localToScene(area.getBoundsInLocal()));
    assertThat(box.getMaxY()).as("over the bottom of the picture").isLessThan(picture.getMaxY());
    assertThat(box.getMinY()).isGreaterThan(picture.getMinY() + picture.getHeight() / 2);
    assertThat(Math.abs(box.getCenterX() - picture.getCenterX())).as("centred").isLessThan(2);
    assertThat(box.getWidth()).as("as wide as its lines").isLessThan(picture.getWidth() / 3);

    robot.type(KeyCode.C);
    await("C turns them off", () -> !lines.isVisible());
    assertThat(player.lastCommand()).isEqualTo("captions off");
    assertThat(Fx.call(() -> ((RadioMenuItem) captions.getItems().get(0)).isSelected())).isTrue();
  }

  @Test
  void the_busy_indicator_shows_while_buffering(FxRobot robot) {
    Node busy = node(robot, "#buffering");
    assertThat(busy.isVisible()).isFalse();

    snapshot.state = PlayerState.BUFFERING;
    publish();
    await("the indicator shows", busy::isVisible);
    assertThat(robot.lookup("#bufferingLabel").queryLabeled().getText())
        .isEqualTo("Buffering\u2026");

    snapshot.state = PlayerState.PLAYING;
    publish();
    await("the indicator hides", () -> !busy.isVisible());
  }

  @Test
  void time_label_and_buffered_bar_follow_the_snapshot(FxRobot robot) {
    snapshot.positionUs = 75_000_000;
    snapshot.bufferedVideoEndUs = 120_000_000;
    snapshot.bufferedAudioEndUs = 130_000_000;
    publish();

    await(
        "the time label moves",
        () -> robot.lookup("#timeLabel").queryLabeled().getText().equals("1:15 / 4:00"));
    ProgressBar buffered = node(robot, "#bufferedBar");
    assertThat(buffered.getProgress()).isEqualTo(0.5);
  }

  @Test
  void a_click_on_the_seek_bar_seeks_to_that_place(FxRobot robot) {
    robot.clickOn("#seekBar");
    WaitForAsyncUtils.waitForFxEvents();

    String seek = player.lastCommand();
    assertThat(seek).startsWith("seek ");
    long targetUs = Long.parseLong(seek.substring("seek ".length()));
    // The middle of the bar is the middle of the 240 s presentation, give or take the thumb.
    assertThat(targetUs).isBetween(100_000_000L, 140_000_000L);
  }

  @Test
  void a_click_on_the_time_shows_the_time_left_and_another_the_time_played(FxRobot robot) {
    Labeled time = node(robot, "#timeLabel");
    assertThat(time.getText()).isEqualTo("0:10 / 4:00");

    robot.clickOn(time);
    await("the time left shows", () -> Fx.call(time::getText).equals("-3:50 / 4:00"));
    robot.clickOn(time);
    await("the time played shows", () -> Fx.call(time::getText).equals("0:10 / 4:00"));
  }

  @Test
  void hovering_the_seek_bar_shows_the_time_a_click_there_seeks_to(FxRobot robot) {
    Slider bar = node(robot, "#seekBar");
    Tooltip tip = view.seekHint().tip();
    robot.moveTo(bar).moveBy(Fx.call(bar::getWidth) / 4, 0);
    await("the time tip shows", () -> Fx.call(tip::isShowing));
    String shown = Fx.call(tip::getText);

    robot.clickOn(MouseButton.PRIMARY);
    WaitForAsyncUtils.waitForFxEvents();
    String seek = player.lastCommand();
    assertThat(seek).startsWith("seek ");
    double targetS = Long.parseLong(seek.substring("seek ".length())) / 1e6;
    assertThat(targetS).as("three quarters of 240 s").isBetween(170.0, 190.0);
    String[] minutesSeconds = shown.split(":");
    double shownS = Integer.parseInt(minutesSeconds[0]) * 60 + Integer.parseInt(minutesSeconds[1]);
    assertThat(shownS).as("tip %s", shown).isCloseTo(targetS, within(1.0));

    robot.moveTo("#surface");
    await("the tip hides when the mouse leaves", () -> !Fx.call(tip::isShowing));
  }

  @Test
  void escape_closes_the_session_window_and_shortcut_w_the_settings_window(FxRobot robot) {
    Stage session = Fx.call(view::showSession);
    await("the session window has the focus", session::isFocused);
    robot.type(KeyCode.ESCAPE);
    await("the session window is closed", () -> !session.isShowing());

    Stage settings = Fx.call(view::showSettings);
    await("the settings window has the focus", settings::isFocused);
    robot.press(KeyCode.SHORTCUT, KeyCode.W).release(KeyCode.W, KeyCode.SHORTCUT);
    await("the settings window is closed", () -> !settings.isShowing());
    assertThat(Fx.call(() -> view.getScene().getWindow().isShowing())).isTrue();
  }

  @Test
  void a_drop_opens_a_folder_by_path_a_file_by_url_else_the_url_or_text(@TempDir Path dir) {
    File folder = dir.toFile();
    File manifest = dir.resolve("Manifest").toFile();

    assertThat(PlayerView.dropTarget(List.of(folder), null, null))
        .contains(folder.getAbsolutePath());
    assertThat(PlayerView.dropTarget(List.of(manifest), "http://a/b", null))
        .contains(manifest.toURI().toString());
    assertThat(PlayerView.dropTarget(List.of(), " http://a/Manifest ", "x"))
        .contains("http://a/Manifest");
    assertThat(PlayerView.dropTarget(List.of(), null, "https://b/Manifest\n"))
        .contains("https://b/Manifest");
    assertThat(PlayerView.dropTarget(List.of(), " ", "")).isEmpty();
    // A list of links (text/uri-list): its first link, not the whole list.
    assertThat(
            PlayerView.dropTarget(
                List.of(), null, "# dragged from a page\r\nhttp://c/Manifest\r\nhttp://d/Manifest"))
        .contains("http://c/Manifest");
    assertThat(PlayerView.dropTarget(List.of(), "http://e/Manifest\nhttp://f/Manifest", null))
        .contains("http://e/Manifest");
  }
}
