package org.smoothplayer.app.ui.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionJson;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The Session window on screen (headless Monocle), showing a log file. */
@ExtendWith(ApplicationExtension.class)
class SessionWindowTest {

  @TempDir Path dir;

  private Stage stage;

  @AfterEach
  void close() throws Exception {
    if (stage != null) {
      WaitForAsyncUtils.asyncFx(stage::hide).get(10, TimeUnit.SECONDS);
    }
  }

  private SessionView show() throws Exception {
    return WaitForAsyncUtils.asyncFx(
            () -> {
              SessionView view = new SessionView(new SessionViewModel(new SessionRecordings()));
              stage = new Stage();
              stage.setScene(view.scene());
              stage.show();
              view.start();
              return view;
            })
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void a_log_opened_in_the_window_is_charted_at_the_windows_size(FxRobot robot) throws Exception {
    Path file = dir.resolve("session.jsonl");
    List<SessionEvent> events =
        List.of(
            new SessionEvent.SessionStarted(
                0, 1, "t", "os", "jvm", "http://x/Manifest", Map.of(), 0),
            new SessionEvent.Decision(10, 0, 0, 400_000, "startup", 0, 0, -1, Map.of()),
            new SessionEvent.Decision(2000, 1, 1, 900_000, "throughput", 2, 3e6, 0, Map.of()),
            new SessionEvent.StallStarted(3000, 1_000_000),
            new SessionEvent.StallEnded(3500, 1_000_000, 500));
    StringBuilder text = new StringBuilder();
    events.forEach(e -> text.append(SessionJson.toJson(e)).append('\n'));
    Files.writeString(file, text);
    SessionView view = show();

    view.openLog(file);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> view.viewModel().sourceTextProperty().get().startsWith("Log:"));
    WaitForAsyncUtils.waitForFxEvents();

    assertThat(robot.lookup("#sessionSource").queryAs(Label.class).getText())
        .isEqualTo("Log: " + file);
    Image charts = view.charts().getImage();
    assertThat(charts).isNotNull();
    assertThat(charts.getWidth()).isGreaterThan(600);
    assertThat(charts.getHeight()).isGreaterThan(600);
    assertThat(colouredPixels(charts)).isGreaterThan(500);
    assertThat(robot.lookup("#sessionSummary").queryTextInputControl().getText())
        .contains("stalls: 1 (0.50 s)");
  }

  @Test
  void a_file_that_is_not_a_log_shows_why_in_the_window(FxRobot robot) throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "hello\nworld\n");
    SessionView view = show();

    view.openLog(file);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> !view.viewModel().errorTextProperty().get().isEmpty());
    WaitForAsyncUtils.waitForFxEvents();

    Label error = robot.lookup("#sessionError").queryAs(Label.class);
    assertThat(error.isVisible()).isTrue();
    assertThat(error.getText())
        .startsWith("Cannot read " + file + ": line 1: field \"<line>\": expected one JSON object");
    assertThat(view.viewModel().liveProperty().get()).isTrue();
  }

  @Test
  void export_report_writes_the_shown_log_report_and_says_where(FxRobot robot) throws Exception {
    Path file = dir.resolve("run.jsonl");
    StringBuilder text = new StringBuilder();
    List.of(
            new SessionEvent.SessionStarted(
                0, 1, "t", "os", "jvm", "http://x/Manifest", Map.of(), 0),
            new SessionEvent.Decision(10, 0, 0, 400_000, "startup", 0, 0, -1, Map.of()))
        .forEach(e -> text.append(SessionJson.toJson(e)).append('\n'));
    Files.writeString(file, text);
    SessionView view = show();
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#exportReport").queryButton().isDisabled()).isTrue();

    view.openLog(file);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> view.viewModel().exportableProperty().get());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#exportReport").queryButton().isDisabled()).isFalse();
    Path out = dir.resolve("reports");
    WaitForAsyncUtils.asyncFx(() -> view.exportReport(out)).get(10, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> !view.viewModel().exportedTextProperty().get().isEmpty());
    WaitForAsyncUtils.waitForFxEvents();

    Label exported = robot.lookup("#sessionExported").queryAs(Label.class);
    assertThat(exported.isVisible()).isTrue();
    assertThat(exported.getText())
        .isEqualTo("Report written to " + out.resolve("run") + " (6 files)");
    assertThat(out.resolve("run").resolve("bitrate.png")).isNotEmptyFile();

    Path blocked = Files.writeString(dir.resolve("a-file"), "x");
    WaitForAsyncUtils.asyncFx(() -> view.exportReport(blocked)).get(10, TimeUnit.SECONDS);
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> !view.viewModel().errorTextProperty().get().isEmpty());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#sessionError").queryAs(Label.class).getText())
        .isEqualTo(
            "Cannot write the report into " + blocked + ": a file is in the way: " + blocked);
    assertThat(exported.isVisible()).isFalse();
  }

  /** Pixels that are neither white nor grey: the drawn series and the stall shading. */
  private static int colouredPixels(Image image) {
    PixelReader reader = image.getPixelReader();
    int n = 0;
    for (int y = 0; y < (int) image.getHeight(); y++) {
      for (int x = 0; x < (int) image.getWidth(); x++) {
        int argb = reader.getArgb(x, y);
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 40) {
          n++;
        }
      }
    }
    return n;
  }
}
