package org.smoothplayer.app.session.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionSummary;

/**
 * Every fragment of a session that arrived whole ({@code fragment_loaded}), in log order, each
 * video fragment joined with the last {@code decision} for its index before it arrived.
 *
 * @param rows the fragments
 */
public record FragmentTable(List<FragmentRow> rows) {

  /** The CSV header, in column order. */
  public static final List<String> CSV_COLUMNS =
      List.of(
          "t_ms",
          "stream",
          "chunk",
          "level",
          "bitrate_bps",
          "bytes",
          "ttfb_ms",
          "download_ms",
          "throughput_bps",
          "buffer_at_decision_s",
          "reason");

  /** Copies the rows. */
  public FragmentTable {
    rows = List.copyOf(rows);
  }

  /**
   * Fragments of one stream added up.
   *
   * @param fragments fragments loaded
   * @param bytes their body bytes
   * @param fragmentsByBitrateBps fragments per declared bitrate, lowest first
   */
  public record StreamTotals(
      int fragments, long bytes, SortedMap<Long, Integer> fragmentsByBitrateBps) {
    public StreamTotals {
      fragmentsByBitrateBps =
          Collections.unmodifiableSortedMap(new TreeMap<>(fragmentsByBitrateBps));
    }
  }

  /** The table of {@code events}, in log order. */
  public static FragmentTable of(List<SessionEvent> events) {
    Map<Integer, SessionEvent.Decision> decisions = new HashMap<>();
    List<FragmentRow> rows = new ArrayList<>();
    String lead = SessionSummary.VIDEO_STREAM;
    for (SessionEvent event : events) {
      if (event instanceof SessionEvent.ManifestLoaded m) {
        lead = SessionSummary.leadStream(m);
      } else if (event instanceof SessionEvent.Decision d) {
        decisions.put(d.chunkIndex(), d);
      } else if (event instanceof SessionEvent.FragmentLoaded f) {
        SessionEvent.Decision d = lead.equals(f.stream()) ? decisions.get(f.chunkIndex()) : null;
        rows.add(
            new FragmentRow(
                f.tMs(),
                f.stream(),
                f.chunkIndex(),
                f.level(),
                f.bitrateBps(),
                f.bytes(),
                f.ttfbMs(),
                f.downloadMs(),
                f.throughputBps(),
                d == null ? Double.NaN : d.bufferedS(),
                d == null ? "" : d.reason()));
      }
    }
    return new FragmentTable(rows);
  }

  /** Totals per stream name, in order of first appearance. */
  public Map<String, StreamTotals> totals() {
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, long[]> bytes = new HashMap<>();
    Map<String, SortedMap<Long, Integer>> byBitrate = new HashMap<>();
    for (FragmentRow row : rows) {
      counts.computeIfAbsent(row.stream(), s -> new int[1])[0]++;
      bytes.computeIfAbsent(row.stream(), s -> new long[1])[0] += row.bytes();
      byBitrate
          .computeIfAbsent(row.stream(), s -> new TreeMap<>())
          .merge(row.bitrateBps(), 1, Integer::sum);
    }
    Map<String, StreamTotals> out = new LinkedHashMap<>();
    counts.forEach(
        (stream, n) ->
            out.put(stream, new StreamTotals(n[0], bytes.get(stream)[0], byBitrate.get(stream))));
    return out;
  }

  /** The rows as CSV: a header of {@link #CSV_COLUMNS}, one line per fragment, '\n' line ends. */
  public String toCsv() {
    StringBuilder csv = new StringBuilder();
    csv.append(String.join(",", CSV_COLUMNS)).append('\n');
    for (FragmentRow r : rows) {
      StringJoiner line = new StringJoiner(",");
      line.add(number(r.tMs()))
          .add(Csv.field(r.stream()))
          .add(Integer.toString(r.chunkIndex()))
          .add(Integer.toString(r.level()))
          .add(Long.toString(r.bitrateBps()))
          .add(Long.toString(r.bytes()))
          .add(number(r.ttfbMs()))
          .add(number(r.downloadMs()))
          .add(number(r.throughputBps()))
          .add(number(r.bufferAtDecisionS()))
          .add(Csv.field(r.reason()));
      csv.append(line).append('\n');
    }
    return csv.toString();
  }

  /** A double with at most three decimals, '.' as the point; empty when not finite. */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return "";
    }
    String text = String.format(Locale.ROOT, "%.3f", value);
    if (text.contains(".")) {
      text = text.replaceAll("0+$", "");
      if (text.endsWith(".")) {
        text = text.substring(0, text.length() - 1);
      }
    }
    return text.equals("-0") ? "0" : text;
  }
}
