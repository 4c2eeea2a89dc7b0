package org.smoothplayer.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionLog;
import org.smoothplayer.app.session.SessionLogReader;
import org.smoothplayer.app.session.SessionSummary;

/**
 * Reads back what a closed soak session left: its session log (checked for consistency) and its
 * origin's request log (faults counted).
 */
final class SoakLogs {

  /**
   * What a session log looked like when read back.
   *
   * @param events events read
   * @param endReason the {@code session_ended} reason, {@code -} without one
   * @param playedS media seconds played, from the summary
   * @param stalls stalls, from the summary
   * @param fragmentFailures {@code fragment_failed} events
   * @param problems what is inconsistent; empty when the log is sound
   */
  record LogCheck(
      int events,
      String endReason,
      double playedS,
      int stalls,
      int fragmentFailures,
      List<String> problems) {

    LogCheck {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Reads a closed session's log back: it must parse whole (no cut-off last line, no unknown
   * events), start with {@code session_started}, end with its only {@code session_ended}, and fold
   * into a summary whose end reason is that event's.
   */
  static LogCheck checkLog(Path file) {
    SessionLog log;
    try {
      log = SessionLogReader.readLog(file);
    } catch (IOException | RuntimeException e) {
      return new LogCheck(0, "-", 0, 0, 0, List.of("cannot be read back: " + e.getMessage()));
    }
    List<SessionEvent> events = log.events();
    List<String> problems = new ArrayList<>();
    if (log.truncatedLastLine()) {
      problems.add("its last line is cut off");
    }
    if (log.skippedEvents() > 0) {
      problems.add("it holds events of unknown types " + log.skippedTypes());
    }
    if (events.isEmpty()) {
      problems.add("it is empty");
      return new LogCheck(0, "-", 0, 0, 0, problems);
    }
    if (!(events.get(0) instanceof SessionEvent.SessionStarted)) {
      problems.add("it starts with " + events.get(0).type() + ", not session_started");
    }
    long ends = events.stream().filter(e -> e instanceof SessionEvent.SessionEnded).count();
    String endReason = "-";
    if (events.get(events.size() - 1) instanceof SessionEvent.SessionEnded ended) {
      endReason = ended.reason();
    } else {
      problems.add("it ends with " + events.get(events.size() - 1).type() + ", not session_ended");
    }
    if (ends > 1) {
      problems.add("it holds " + ends + " session_ended events");
    }
    int failures =
        (int) events.stream().filter(e -> e instanceof SessionEvent.FragmentFailed).count();
    SessionSummary summary;
    try {
      summary = SessionSummary.of(events);
    } catch (RuntimeException e) {
      problems.add("its summary cannot be computed: " + e);
      return new LogCheck(events.size(), endReason, 0, 0, failures, problems);
    }
    if (!endReason.equals("-") && !summary.endReason().equals(endReason)) {
      problems.add(
          "its summary says end reason '"
              + summary.endReason()
              + "' but session_ended says '"
              + endReason
              + "'");
    }
    return new LogCheck(
        events.size(), endReason, summary.playedS(), summary.stalls(), failures, problems);
  }

  /** Faults the origin applied, counted by kind, from its request log (JSON lines). */
  static Map<String, Integer> faultsInRequestLog(Path requestLog) throws IOException {
    Map<String, Integer> faults = new TreeMap<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<String> lines = Files.lines(requestLog)) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode fault = json.readTree(line).get("fault");
        if (fault != null && !fault.isNull()) {
          faults.merge(fault.asText(), 1, Integer::sum);
        }
      }
    }
    return faults;
  }

  private SoakLogs() {}
}
