package org.smoothplayer.app.ui.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.engine.Player;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionLog;
import org.smoothplayer.app.session.SessionLogReader;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.app.session.SessionSummary;
import org.smoothplayer.app.session.report.FragmentTable;
import org.smoothplayer.app.session.report.SessionReport;
import org.smoothplayer.app.session.report.SessionSeries;

/**
 * State and actions of the Session window, free of controls: either the running session, whose
 * recorded events it re-reads when {@link #refresh()} finds new ones, or a past log file. Both are
 * turned into the same {@link SessionSeries} (the charts) and summary text as the {@code report}
 * command writes.
 *
 * <p>Thread ownership: FX application thread (or one test thread), except {@link #readLog}, which
 * any thread may call (the view reads files on a background thread).
 */
public final class SessionViewModel {

  /**
   * What the window shows, as {@link #exportReport} writes it: the source's name (a log file or the
   * session's URL), the folder name the report gets, the events and the summary shown.
   */
  public record Shown(String source, String folderName, SessionLog log, SessionSummary summary) {}

  /** Start of the report folder's name for a session still open (then its start time). */
  static final String LIVE_FOLDER_PREFIX = "session-";

  private static final DateTimeFormatter LIVE_FOLDER_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /** Source text while there is no session to show. */
  public static final String NO_SESSION = "No session is playing";

  private final SessionRecordings recordings;
  private final ReadOnlyObjectWrapper<SessionSeries> series =
      new ReadOnlyObjectWrapper<>(this, "series", SessionSeries.EMPTY);

  /** The end reason shown while the followed session has not ended. */
  static final String END_WHILE_OPEN = "not yet (the session is open)";

  /** End reason of a followed session whose playback reached the end but which is still open. */
  static final String END_PLAYED_OUT_WHILE_OPEN = "played to the end (the session is still open)";

  private final ReadOnlyStringWrapper summaryText =
      new ReadOnlyStringWrapper(this, "summaryText", "");
  private final ReadOnlyStringWrapper sourceText =
      new ReadOnlyStringWrapper(this, "sourceText", NO_SESSION);
  private final ReadOnlyStringWrapper errorText = new ReadOnlyStringWrapper(this, "errorText", "");
  private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(this, "live", true);
  private final ReadOnlyStringWrapper exportedText =
      new ReadOnlyStringWrapper(this, "exportedText", "");
  private final ReadOnlyBooleanWrapper exportable =
      new ReadOnlyBooleanWrapper(this, "exportable", false);
  private @Nullable Shown shown;

  private @Nullable Player followed;
  // How many events of the followed recorder are shown; -1: none yet.
  private int shownEvents = -1;

  /** A view model that finds live sessions' events through {@code recordings}. */
  public SessionViewModel(SessionRecordings recordings) {
    this.recordings = Objects.requireNonNull(recordings, "recordings");
  }

  /**
   * Reads a log file (any thread): what {@link #showLog} shows; a file without any event is refused
   * ({@link SessionLogReader#readSessionLog}).
   */
  public static SessionLog readLog(Path file) throws IOException {
    return SessionLogReader.readSessionLog(file);
  }

  /** Follows {@code player}, the window's current session (null: none); shown in live mode. */
  public void follow(@Nullable Player player) {
    if (player != followed) {
      followed = player;
      shownEvents = -1;
      if (live.get()) {
        refresh();
      }
    }
  }

  /** In live mode, shows the followed session's events if new ones were recorded. */
  public void refresh() {
    if (!live.get()) {
      return;
    }
    Optional<SessionRecorder> recorder = recordings.recorderOf(followed);
    if (recorder.isEmpty()) {
      if (shownEvents != 0) {
        shownEvents = 0;
        show(List.of(), followed == null ? NO_SESSION : "This session's events are not recorded");
      }
      return;
    }
    int size = recorder.get().size();
    if (size != shownEvents) {
      List<SessionEvent> events = recorder.get().events();
      shownEvents = events.size();
      show(events, "Current session: " + urlOf(events));
    }
  }

  /** Shows a past log (read by {@link #readLog}) and stops following the live session. */
  public void showLog(Path file, SessionLog log) {
    live.set(false);
    errorText.set("");
    exportedText.set("");
    SessionSummary summary = SessionSummary.of(log.events());
    series.set(SessionSeries.of(log.events()));
    summaryText.set(
        SessionReport.text(file.toString(), log, summary, FragmentTable.of(log.events())));
    setShown(new Shown(file.toString(), SessionReport.nameOf(file), log, summary));
    sourceText.set(
        "Log: " + file + (log.truncatedLastLine() ? " (truncated last line ignored)" : ""));
  }

  /** Shows why a log could not be read or a report written; what is shown stays. */
  public void showError(String message) {
    exportedText.set("");
    errorText.set(message);
  }

  /** What is shown, for Export report…; empty while there is nothing to report. */
  public Optional<Shown> shown() {
    return Optional.ofNullable(shown);
  }

  /**
   * Writes the report of {@code shown} (any thread) as {@code report} does for one log: summary
   * text and JSON, the per-fragment CSV and the three charts, into a new folder inside {@code
   * parent} named after the log or, for a session still open, after its start ("-2", "-3", … when
   * the name is taken).
   *
   * @return what was written
   * @throws IOException when the folder or a file cannot be written
   */
  public static SessionReport.Written exportReport(Shown shown, Path parent) throws IOException {
    Path dir = parent.resolve(shown.folderName());
    for (int n = 2; Files.exists(dir); n++) {
      dir = parent.resolve(shown.folderName() + "-" + n);
    }
    return SessionReport.write(shown.source(), shown.log(), shown.summary(), dir);
  }

  /** Says where a report was written. */
  public void showExported(SessionReport.Written written) {
    errorText.set("");
    exportedText.set(
        "Report written to " + written.dir() + " (" + written.files().size() + " files)");
  }

  /** Goes back to the running session. */
  public void showLive() {
    live.set(true);
    errorText.set("");
    exportedText.set("");
    shownEvents = -1;
    refresh();
  }

  /** The charts' data. */
  public ReadOnlyObjectProperty<SessionSeries> seriesProperty() {
    return series.getReadOnlyProperty();
  }

  /** The summary, as the {@code report} command writes it. */
  public ReadOnlyStringProperty summaryTextProperty() {
    return summaryText.getReadOnlyProperty();
  }

  /** What is shown: "Current session: URL", "Log: FILE" or {@link #NO_SESSION}. */
  public ReadOnlyStringProperty sourceTextProperty() {
    return sourceText.getReadOnlyProperty();
  }

  /** Why a log could not be shown, "" when none. */
  public ReadOnlyStringProperty errorTextProperty() {
    return errorText.getReadOnlyProperty();
  }

  /** Where the last report was written, "" when none (or after an error). */
  public ReadOnlyStringProperty exportedTextProperty() {
    return exportedText.getReadOnlyProperty();
  }

  /** True while something is shown that Export report… can write. */
  public ReadOnlyBooleanProperty exportableProperty() {
    return exportable.getReadOnlyProperty();
  }

  /** True while following the running session, false while a log file is shown. */
  public ReadOnlyBooleanProperty liveProperty() {
    return live.getReadOnlyProperty();
  }

  private void show(List<SessionEvent> events, String source) {
    SessionLog log = new SessionLog(events, Map.of(), false);
    // The session followed here is still open; "incomplete" is for a log cut short.
    SessionSummary summary =
        SessionSummary.of(events, playedOut(events) ? END_PLAYED_OUT_WHILE_OPEN : END_WHILE_OPEN);
    series.set(SessionSeries.of(events));
    summaryText.set(
        events.isEmpty()
            ? ""
            : SessionReport.text(urlOf(events), log, summary, FragmentTable.of(events)));
    sourceText.set(source);
    setShown(
        events.isEmpty() ? null : new Shown(urlOf(events), liveFolderName(events), log, summary));
  }

  private void setShown(@Nullable Shown now) {
    shown = now;
    exportable.set(now != null);
  }

  /** "session-" and the session's start in local time, "session" before it is known. */
  static String liveFolderName(List<SessionEvent> events) {
    for (SessionEvent event : events) {
      if (event instanceof SessionEvent.SessionStarted s) {
        return LIVE_FOLDER_PREFIX
            + LIVE_FOLDER_STAMP.format(
                Instant.ofEpochMilli(s.startedAtEpochMs()).atZone(ZoneId.systemDefault()));
      }
    }
    return "session";
  }

  /** True when the latest state change is to ENDED (a replay or seek changes it again). */
  private static boolean playedOut(List<SessionEvent> events) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i) instanceof SessionEvent.StateChanged s) {
        return s.to().equals("ENDED");
      }
    }
    return false;
  }

  private static String urlOf(List<SessionEvent> events) {
    for (SessionEvent event : events) {
      if (event instanceof SessionEvent.SessionStarted s) {
        return s.url();
      }
    }
    return "(starting)";
  }
}
