package org.smoothplayer.app.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.config.AppSettings;
import org.smoothplayer.app.config.ConfigStore;
import org.smoothplayer.app.config.CurrentSettings;
import org.smoothplayer.app.engine.EngineOptions;
import org.smoothplayer.app.engine.PlaybackEngine;
import org.smoothplayer.app.engine.PlayerState;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.app.ui.FirstSession;
import org.smoothplayer.app.ui.PlayerView;
import org.smoothplayer.app.ui.PlayerWindowLauncher;
import org.smoothplayer.app.ui.session.SessionRecordings;
import org.smoothplayer.app.ui.session.SessionView;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.LocalOrigin;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The settings panel on screen (headless Monocle): typing, profiles, and a running session. */
@ExtendWith(ApplicationExtension.class)
class SettingsPanelTest {

  /** Longest wait for a session to get somewhere, nanoseconds. */
  private static final long WAIT_NS = 20_000_000_000L;

  @TempDir Path dir;

  private final RecordingPlayer running = new RecordingPlayer();
  private Stage panel;

  @AfterEach
  void closePanel() {
    if (panel != null) {
      OnFx.run(panel::hide);
    }
  }

  /** Shows a settings panel on {@code settings} in a window of its own. */
  private SettingsView show(CurrentSettings settings) {
    return OnFx.call(
        () -> {
          SettingsView view =
              new SettingsView(new SettingsViewModel(settings, () -> running.player));
          panel = new Stage();
          panel.setScene(view.scene());
          panel.show();
          panel.toFront();
          return view;
        });
  }

  private CurrentSettings stored() {
    return CurrentSettings.stored(ConfigStore.at(dir), AppSettings.DEFAULTS, List.of());
  }

  /** Replaces the text of a field by typing, as a user would. */
  private static void typeInto(FxRobot robot, String id, String text) {
    TextField field = robot.lookup("#" + id).queryAs(TextField.class);
    robot.clickOn(field);
    OnFx.run(field::selectAll);
    robot.write(text);
  }

  @Test
  void a_value_out_of_range_typed_in_the_panel_is_refused_inline_with_its_reason(FxRobot robot) {
    show(stored());

    typeInto(robot, SettingsView.fieldId("buffer.startupS"), "45");

    Label error = robot.lookup("#" + SettingsView.errorId("buffer.startupS")).queryAs(Label.class);
    assertThat(OnFx.call(error::isVisible)).isTrue();
    assertThat(OnFx.<String>call(error::getText))
        .isEqualTo("buffer.startupS: expected a value in [0.1, 30.0] s but was 45.0");
    Button apply = robot.lookup("#applySettings").queryButton();
    assertThat(OnFx.call(apply::isDisabled)).isTrue();
    robot.clickOn(apply);
    assertThat(running.configs).isEmpty();

    typeInto(robot, SettingsView.fieldId("buffer.startupS"), "3");
    assertThat(OnFx.call(error::isVisible)).isFalse();
    robot.clickOn(apply);
    assertThat(running.configs)
        .singleElement()
        .satisfies(c -> assertThat(c.playback().startupS()).isEqualTo(3));
  }

  @Test
  void a_profile_saved_in_the_panel_loads_back_after_a_reset(FxRobot robot) {
    show(stored());
    typeInto(robot, SettingsView.fieldId("buffer.videoTargetS"), "60");
    @SuppressWarnings("unchecked")
    ComboBox<String> profiles = robot.lookup("#profileBox").queryAs(ComboBox.class);
    robot.clickOn(profiles.getEditor()).write("lab-throttled");

    robot.clickOn("#saveProfile");
    robot.clickOn("#resetDefaults");
    TextField target =
        robot.lookup("#" + SettingsView.fieldId("buffer.videoTargetS")).queryAs(TextField.class);
    assertThat(OnFx.<String>call(target::getText)).isEqualTo("30");
    robot.clickOn("#loadProfile");

    assertThat(OnFx.<String>call(target::getText)).isEqualTo("60");
    assertThat(dir.resolve("profiles/lab-throttled.json")).isRegularFile();
    assertThat(OnFx.call(() -> List.copyOf(profiles.getItems()))).containsExactly("lab-throttled");
    assertThat(robot.lookup("#settingsStatus").queryAs(Label.class).getText())
        .isEqualTo("Loaded profile 'lab-throttled'; Apply to use it");
    assertThat(running.configs).isEmpty();
  }

  @Test
  @Timeout(90)
  void a_policy_applied_in_the_panel_decides_the_next_fragment_of_the_running_session(FxRobot robot)
      throws Exception {
    CurrentSettings settings = stored();
    SessionRecordings recordings = new SessionRecordings();
    SessionRecorder recorder = new SessionRecorder();
    try (LocalOrigin origin = LocalOrigin.builder(Presentations.cached(Preset.TINY)).start()) {
      String url = origin.baseUri().resolve("Manifest").toString();
      CompletableFuture<Integer> exit =
          CompletableFuture.supplyAsync(
              () ->
                  PlayerWindowLauncher.run(
                      FirstSession.of(url),
                      (u, startUs) -> {
                        PlaybackEngine engine =
                            PlaybackEngine.open(
                                EngineOptions.of(u)
                                    .silent()
                                    .withConfig(settings.get().player())
                                    .withSink(recorder));
                        recordings.register(engine, recorder);
                        return engine;
                      },
                      settings,
                      recordings));
      Stage window = OnFx.awaitStage(t -> t.endsWith(url));
      PlayerView view = (PlayerView) window.getScene().getRoot();
      try {
        awaitEvent(recorder, "the first decisions", e -> e instanceof SessionEvent.QualityRendered);
        OnFx.run(() -> view.viewModel().togglePlay());
        await("the pause", () -> view.viewModel().stateProperty().get() == PlayerState.PAUSED);
        List<SessionEvent.Decision> before = decisions(recorder.events());

        robot.clickOn("File").clickOn("#settingsItem");
        Stage settingsStage = OnFx.awaitStage(t -> t.startsWith("Settings"));
        @SuppressWarnings("unchecked")
        ChoiceBox<String> policy =
            (ChoiceBox<String>) settingsStage.getScene().lookup("#policyChoice");
        OnFx.run(() -> policy.getSelectionModel().select("bb"));
        robot.clickOn(settingsStage.getScene().lookup("#applySettings"));
        awaitEvent(recorder, "the change in the log", e -> e instanceof SessionEvent.ConfigChanged);
        // A seek refetches from the target: the next decisions are the new policy's.
        OnFx.run(() -> view.viewModel().seekTo(1_000_000));
        int changedAt = indexOf(recorder.events(), SessionEvent.ConfigChanged.class);
        awaitEvent(
            recorder,
            "a decision after the change",
            e -> e instanceof SessionEvent.Decision && recorder.events().indexOf(e) > changedAt);

        List<SessionEvent> events = recorder.events();
        SessionEvent.ConfigChanged change = (SessionEvent.ConfigChanged) events.get(changedAt);
        assertThat(change.changes()).containsEntry("heuristics.policy", "default -> bb");
        List<SessionEvent.Decision> after = decisions(events.subList(changedAt, events.size()));
        assertThat(before)
            .isNotEmpty()
            .allSatisfy(d -> assertThat(d.reason()).doesNotContain("buffer-map"));
        assertThat(after)
            .first()
            .satisfies(
                d -> {
                  assertThat(d.reason()).contains("buffer-map");
                  assertThat(d.level())
                      .isZero(); // a 4-s presentation never fills BB's 5-s reservoir
                });
        assertThat(settings.get().policy()).isEqualTo("bb");
        assertThat(ConfigStore.at(dir).loadSettings().settings().policy()).isEqualTo("bb");

        // View ▸ Session… charts the same session live.
        robot.clickOn("View").clickOn("#sessionItem");
        Stage sessionStage = OnFx.awaitStage(t -> t.startsWith("Session"));
        SessionView sessionView = (SessionView) sessionStage.getScene().getRoot();
        await("the live charts", () -> sessionView.charts().getImage() != null);
        ImageView charts = sessionView.charts();
        assertThat(OnFx.call(() -> charts.getImage().getWidth())).isGreaterThan(300);
        assertThat(OnFx.call(() -> sessionView.viewModel().sourceTextProperty().get()))
            .isEqualTo("Current session: " + url);
      } finally {
        OnFx.run(window::hide);
      }
      assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(PlayerWindowLauncher.EXIT_OK);
    }
  }

  private static List<SessionEvent.Decision> decisions(List<SessionEvent> events) {
    return events.stream()
        .filter(SessionEvent.Decision.class::isInstance)
        .map(SessionEvent.Decision.class::cast)
        .toList();
  }

  private static int indexOf(List<SessionEvent> events, Class<?> type) {
    for (int i = 0; i < events.size(); i++) {
      if (type.isInstance(events.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static void awaitEvent(
      SessionRecorder recorder, String what, Predicate<SessionEvent> test)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT_NS;
    while (recorder.events().stream().noneMatch(test)) {
      assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static void await(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT_NS;
    while (!OnFx.call(condition::getAsBoolean)) {
      assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
