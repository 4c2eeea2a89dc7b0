package org.smoothplayer.app.session.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.smoothplayer.app.config.PlayerConfig;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionSummary;

/**
 * Sessions side by side, one row each, for A/B comparisons of settings profiles: the policy and the
 * non-default settings each session started with, and the main numbers of its summary.
 *
 * @param rows one row per session, in the order given
 */
public record ComparisonTable(List<Row> rows) {

  /** Column names, in order (the CSV header; the markdown table uses the same). */
  public static final List<String> COLUMNS =
      List.of(
          "log",
          "policy",
          "settings",
          "startup_ms",
          "played_s",
          "avg_bitrate_kbps",
          "switches",
          "stalls",
          "stall_s",
          "dropped_frames",
          "avg_throughput_kbps",
          "qoe_lin_per_fragment",
          "fragments",
          "end_reason");

  /** Copies the rows. */
  public ComparisonTable {
    rows = List.copyOf(rows);
  }

  /**
   * One session.
   *
   * @param name the log's name
   * @param policy the ABR policy it started with
   * @param settings its other non-default settings at start ("key=value; …", sorted), and how many
   *     changes were made during the session
   * @param summary its summary
   */
  public record Row(String name, String policy, String settings, SessionSummary summary) {

    /** The row of one session's events. */
    public static Row of(String name, List<SessionEvent> events, SessionSummary summary) {
      Map<String, String> started = Map.of();
      int changes = 0;
      for (SessionEvent event : events) {
        if (event instanceof SessionEvent.SessionStarted s && started.isEmpty()) {
          started = s.nonDefaultSettings();
        } else if (event instanceof SessionEvent.ConfigChanged) {
          changes++;
        }
      }
      String policy = started.getOrDefault(PlayerConfig.POLICY_KEY, PlayerConfig.DEFAULTS.policy());
      StringJoiner settings = new StringJoiner("; ");
      new TreeMap<>(started)
          .forEach(
              (k, v) -> {
                if (!k.equals(PlayerConfig.POLICY_KEY)) {
                  settings.add(k + "=" + v);
                }
              });
      String text = settings.length() == 0 ? "defaults" : settings.toString();
      if (changes > 0) {
        text += " (+" + changes + (changes == 1 ? " change" : " changes") + " during the session)";
      }
      return new Row(name, policy, text, summary);
    }

    List<String> cells() {
      List<String> cells = new ArrayList<>();
      cells.add(name);
      cells.add(policy);
      cells.add(settings);
      cells.add(Long.toString(summary.startupMs()));
      cells.add(format("%.1f", summary.playedS()));
      cells.add(Long.toString(Math.round(summary.avgBitrateBps() / 1000.0)));
      cells.add(Integer.toString(summary.switches()));
      cells.add(Integer.toString(summary.stalls()));
      cells.add(format("%.2f", summary.stallS()));
      cells.add(Long.toString(summary.droppedFrames()));
      cells.add(Long.toString(Math.round(summary.avgThroughputBps() / 1000.0)));
      cells.add(format("%.3f", summary.qoeLinPerFragment()));
      cells.add(Integer.toString(summary.fragments()));
      cells.add(summary.endReason());
      return cells;
    }
  }

  /** The table as CSV: a header of {@link #COLUMNS}, one line per session. */
  public String toCsv() {
    StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    for (Row row : rows) {
      StringJoiner line = new StringJoiner(",");
      row.cells().forEach(c -> line.add(Csv.field(c)));
      csv.append(line).append('\n');
    }
    return csv.toString();
  }

  /** The table as a GitHub-flavoured markdown table. */
  public String toMarkdown() {
    StringBuilder md = new StringBuilder();
    md.append("| ").append(String.join(" | ", COLUMNS)).append(" |\n");
    md.append("|");
    for (int i = 0; i < COLUMNS.size(); i++) {
      md.append(i < 3 ? "---|" : "---:|");
    }
    md.append('\n');
    for (Row row : rows) {
      StringJoiner line = new StringJoiner(" | ", "| ", " |\n");
      row.cells().forEach(c -> line.add(c.replace("|", "\\|").replace("\n", " ")));
      md.append(line);
    }
    return md.toString();
  }

  private static String format(String pattern, double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, pattern, value) : "";
  }
}
