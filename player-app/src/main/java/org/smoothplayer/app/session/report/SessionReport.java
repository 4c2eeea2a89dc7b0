package org.smoothplayer.app.session.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.smoothplayer.app.session.SessionLog;
import org.smoothplayer.app.session.SessionSummary;

/**
 * The QA report of one session log, written into one folder: {@value #SUMMARY_TEXT} and {@value
 * #SUMMARY_JSON} (the summary, as {@code --headless} prints and writes it, the text followed by the
 * report's own lines), {@value #FRAGMENTS_CSV} (one row per fragment) and the PNG charts of {@link
 * SessionCharts.Panel}.
 */
public final class SessionReport {

  /** The summary as text. */
  public static final String SUMMARY_TEXT = "summary.txt";

  /** The summary as JSON ({@link SessionSummary#toJson()}). */
  public static final String SUMMARY_JSON = "summary.json";

  /** The per-fragment rows. */
  public static final String FRAGMENTS_CSV = "fragments.csv";

  private SessionReport() {}

  /**
   * What was written for one log.
   *
   * @param dir the report folder
   * @param summary the session's summary
   * @param text the summary text (as in {@value #SUMMARY_TEXT})
   * @param files every file written, in writing order
   */
  public record Written(Path dir, SessionSummary summary, String text, List<Path> files) {
    public Written {
      files = List.copyOf(files);
    }
  }

  /** A log's name for its report folder: its file name without the extension ("log" without). */
  public static String nameOf(Path log) {
    Path fileName = log.getFileName();
    String base = fileName == null ? "log" : fileName.toString();
    int dot = base.lastIndexOf('.');
    return dot > 0 ? base.substring(0, dot) : base;
  }

  /**
   * Writes the report of {@code log} (read from {@code source}) into {@code dir}, creating it.
   *
   * @throws IOException when a file cannot be written
   */
  public static Written write(Path source, SessionLog log, Path dir) throws IOException {
    return write(source.toString(), log, SessionSummary.of(log.events()), dir);
  }

  /**
   * Writes the report of {@code log} into {@code dir}, creating it, with {@code summary} as its
   * summary (e.g. of a session still open, whose end is not "incomplete").
   *
   * @param source the name of what the events come from (a log file, a session's URL)
   * @throws IOException when a file cannot be written
   */
  public static Written write(String source, SessionLog log, SessionSummary summary, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    FragmentTable fragments = FragmentTable.of(log.events());
    SessionSeries series = SessionSeries.of(log.events());
    String text = text(source, log, summary, fragments);
    List<Path> files = new ArrayList<>();
    files.add(writeText(dir.resolve(SUMMARY_TEXT), text));
    files.add(writeText(dir.resolve(SUMMARY_JSON), summary.toJson() + "\n"));
    files.add(writeText(dir.resolve(FRAGMENTS_CSV), fragments.toCsv()));
    for (SessionCharts.Panel panel : SessionCharts.Panel.values()) {
      Path file = dir.resolve(panel.fileName());
      SessionCharts.writePng(
          SessionCharts.render(
              series, panel, SessionCharts.DEFAULT_WIDTH_PX, SessionCharts.DEFAULT_HEIGHT_PX),
          file);
      files.add(file);
    }
    return new Written(dir, summary, text, files);
  }

  /**
   * The summary text of a log: {@link SessionSummary#toText()}, then the log's name ({@code
   * source}), what the reader left out, and the fragments per stream (count, bytes, count per
   * bitrate).
   */
  public static String text(
      String source, SessionLog log, SessionSummary summary, FragmentTable fragments) {
    StringBuilder text = new StringBuilder(summary.toText()).append('\n');
    text.append("source: ")
        .append(source)
        .append(" (")
        .append(log.events().size())
        .append(" events");
    if (log.skippedEvents() > 0) {
      text.append(", skipped unknown types ").append(log.skippedTypes());
    }
    if (log.truncatedLastLine()) {
      text.append(", truncated last line ignored");
    }
    text.append(")\n");
    for (Map.Entry<String, FragmentTable.StreamTotals> stream : fragments.totals().entrySet()) {
      FragmentTable.StreamTotals t = stream.getValue();
      StringJoiner levels = new StringJoiner(", ");
      t.fragmentsByBitrateBps()
          .forEach((bps, n) -> levels.add(Math.round(bps / 1000.0) + " kbps \u00d7" + n));
      text.append(stream.getKey())
          .append(": ")
          .append(t.fragments())
          .append(" fragments, ")
          .append(t.bytes())
          .append(" bytes (")
          .append(levels)
          .append(")\n");
    }
    return text.toString();
  }

  private static Path writeText(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
