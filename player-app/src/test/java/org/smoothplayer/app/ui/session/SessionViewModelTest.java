package org.smoothplayer.app.ui.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smoothplayer.app.engine.Player;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionJson;
import org.smoothplayer.app.session.SessionLogException;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.app.session.SessionSummary;
import org.smoothplayer.app.session.report.SessionReport;

/** The Session window's view model, without a toolkit. */
class SessionViewModelTest {

  private static final String URL = "http://127.0.0.1:1/Manifest";

  private final SessionRecordings recordings = new SessionRecordings();
  private final SessionViewModel model = new SessionViewModel(recordings);

  /** A player that does nothing: only its identity matters here. */
  private static Player player() {
    return (Player)
        Proxy.newProxyInstance(
            Player.class.getClassLoader(),
            new Class<?>[] {Player.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> null;
                });
  }

  private static List<SessionEvent> start() {
    return List.of(
        new SessionEvent.SessionStarted(0, 1, "t", "os", "jvm", URL, Map.of(), 0),
        new SessionEvent.Decision(5, 0, 1, 800_000, "startup", 0, 0, -1, Map.of()));
  }

  /** A recording of {@code player}'s session holding {@link #start()}'s events. */
  private SessionRecorder startedRecording(Player player) {
    SessionRecorder recorder = new SessionRecorder();
    recordings.register(player, recorder);
    start().forEach(recorder::accept);
    return recorder;
  }

  @Test
  void the_live_session_is_charted_and_summarised_again_when_new_events_arrive() {
    Player player = player();
    SessionRecorder recorder = startedRecording(player);

    model.follow(player);

    assertThat(model.sourceTextProperty().get()).isEqualTo("Current session: " + URL);
    assertThat(model.seriesProperty().get().chosenBitrateBps()).hasSize(1);
    assertThat(model.summaryTextProperty().get())
        .startsWith(SessionSummary.of(recorder.events(), SessionViewModel.END_WHILE_OPEN).toText())
        .contains("end: not yet (the session is open)")
        .contains("source: " + URL + " (2 events)");

    recorder.accept(
        new SessionEvent.Decision(900, 1, 0, 300_000, "throughput", 1, 1e6, 1, Map.of()));
    model.refresh();

    assertThat(model.seriesProperty().get().chosenBitrateBps()).hasSize(2);
    assertThat(model.summaryTextProperty().get()).contains("(3 events)");
  }

  @Test
  void a_session_played_to_the_end_but_still_open_says_so_until_it_plays_again() {
    Player player = player();
    SessionRecorder recorder = startedRecording(player);
    recorder.accept(new SessionEvent.StateChanged(60_000, "PLAYING", "ENDED", 60_000_000));

    model.follow(player);

    assertThat(model.summaryTextProperty().get())
        .contains("end: played to the end (the session is still open)");

    recorder.accept(new SessionEvent.StateChanged(61_000, "ENDED", "BUFFERING", 0));
    model.refresh();

    assertThat(model.summaryTextProperty().get()).contains("end: not yet (the session is open)");
  }

  @Test
  void without_a_session_or_its_recording_the_source_says_so() {
    model.follow(null);
    assertThat(model.sourceTextProperty().get()).isEqualTo(SessionViewModel.NO_SESSION);

    model.follow(player());
    assertThat(model.sourceTextProperty().get())
        .isEqualTo("This session's events are not recorded");
    assertThat(model.seriesProperty().get().isEmpty()).isTrue();
  }

  @Test
  void a_past_log_is_shown_the_same_way_until_live_is_asked_again(@TempDir Path dir)
      throws Exception {
    Player player = player();
    SessionRecorder recorder = new SessionRecorder();
    recordings.register(player, recorder);
    model.follow(player);
    Path file = dir.resolve("old.jsonl");
    StringBuilder text = new StringBuilder();
    start().forEach(e -> text.append(SessionJson.toJson(e)).append('\n'));
    Files.writeString(file, text + "{\"type\":\"seek\",\"tM");

    model.showLog(file, SessionViewModel.readLog(file));

    assertThat(model.liveProperty().get()).isFalse();
    assertThat(model.sourceTextProperty().get())
        .isEqualTo("Log: " + file + " (truncated last line ignored)");
    assertThat(model.seriesProperty().get().chosenBitrateBps()).hasSize(1);
    assertThat(model.summaryTextProperty().get()).contains("truncated last line ignored");
    recorder.accept(start().get(0));
    model.refresh();
    assertThat(model.sourceTextProperty().get()).startsWith("Log: ");

    model.showLive();

    assertThat(model.liveProperty().get()).isTrue();
    assertThat(model.sourceTextProperty().get()).isEqualTo("Current session: " + URL);
  }

  @Test
  void the_open_session_exports_the_report_files_into_a_folder_named_after_its_start(
      @TempDir Path dir) throws Exception {
    assertThat(model.exportableProperty().get()).isFalse();
    assertThat(model.shown()).isEmpty();
    Player player = player();
    startedRecording(player);
    model.follow(player);
    assertThat(model.exportableProperty().get()).isTrue();

    SessionReport.Written first = SessionViewModel.exportReport(model.shown().orElseThrow(), dir);
    SessionReport.Written second = SessionViewModel.exportReport(model.shown().orElseThrow(), dir);

    String name =
        "session-"
            + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .format(java.time.Instant.EPOCH.atZone(java.time.ZoneId.systemDefault()));
    assertThat(first.dir()).isEqualTo(dir.resolve(name));
    assertThat(second.dir()).isEqualTo(dir.resolve(name + "-2"));
    assertThat(first.files())
        .extracting(f -> f.getFileName().toString())
        .containsExactly(
            "summary.txt",
            "summary.json",
            "fragments.csv",
            "bitrate.png",
            "buffer.png",
            "drops.png");
    assertThat(first.files()).allSatisfy(f -> assertThat(Files.size(f)).isPositive());
    assertThat(Files.readString(dir.resolve(name).resolve("summary.txt")))
        .isEqualTo(model.summaryTextProperty().get())
        .contains("end: not yet (the session is open)");

    model.showExported(first);
    assertThat(model.exportedTextProperty().get())
        .isEqualTo("Report written to " + dir.resolve(name) + " (6 files)");
    model.showError("Cannot write the report into /x: permission denied: /x");
    assertThat(model.exportedTextProperty().get()).isEmpty();
  }

  @Test
  void an_empty_file_is_not_opened_as_a_log(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");

    assertThatThrownBy(() -> SessionViewModel.readLog(empty))
        .isInstanceOf(SessionLogException.class)
        .hasMessageContaining("expected session events as JSON lines")
        .hasMessageEndingWith("found nothing (the file is empty)");
  }

  @Test
  void a_past_log_exports_into_a_folder_named_after_the_log_file(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("cautious.jsonl");
    StringBuilder text = new StringBuilder();
    start().forEach(e -> text.append(SessionJson.toJson(e)).append('\n'));
    Files.writeString(file, text);
    model.showLog(file, SessionViewModel.readLog(file));

    SessionReport.Written written =
        SessionViewModel.exportReport(model.shown().orElseThrow(), dir.resolve("out"));

    assertThat(written.dir()).isEqualTo(dir.resolve("out").resolve("cautious"));
    assertThat(Files.readString(written.dir().resolve("summary.txt")))
        .isEqualTo(model.summaryTextProperty().get())
        .contains("source: " + file + " (2 events)");
  }
}
