package org.smoothplayer.assets.origin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The capacity of the origin's one bottleneck link over time: a piecewise-constant rate that loops.
 *
 * <p>The file format is that of the Pensieve traces: one sample per line, {@code seconds Mbps},
 * whitespace separated (tabs, spaces, CRLF tolerated), blank lines ignored. Sample {@code i} (for
 * {@code i >= 1}) is the capacity during {@code (t[i-1], t[i]]}; the first interval is taken to
 * start at 0, so sample 0's rate is never used and the trace loops with period {@code t[n-1]}. 1
 * Mbps = 10^6 bit/s. Immutable and thread-safe.
 */
public final class LinkTrace {
  /** Bytes per second carried by 1 Mbps (10^6 bit/s). */
  private static final double BYTES_PER_SECOND_PER_MBPS = 125_000.0;

  /** Longest trace file accepted, in bytes (the largest Pensieve trace is about 100 KB). */
  private static final long MAX_FILE_BYTES = 64L << 20;

  private final String source;
  private final boolean constant;
  // Segment k covers (startSeconds[k], endSeconds[k]] at rateMbps[k]; startSeconds[0] == 0.
  private final double[] startSeconds;
  private final double[] endSeconds;
  private final double[] rateMbps;
  // Capacity in bytes from 0 to startSeconds[k] (cumStartBytes[k]) and to endSeconds[k].
  private final double[] cumStartBytes;
  private final double[] cumEndBytes;
  private final double periodSeconds;
  private final double periodBytes;

  private LinkTrace(String source, boolean constant, double[] endSeconds, double[] rateMbps) {
    this.source = source;
    this.constant = constant;
    int n = endSeconds.length;
    this.endSeconds = endSeconds;
    this.rateMbps = rateMbps;
    this.startSeconds = new double[n];
    this.cumStartBytes = new double[n];
    this.cumEndBytes = new double[n];
    double cum = 0;
    for (int k = 0; k < n; k++) {
      startSeconds[k] = k == 0 ? 0 : endSeconds[k - 1];
      cumStartBytes[k] = cum;
      cum += (endSeconds[k] - startSeconds[k]) * rateMbps[k] * BYTES_PER_SECOND_PER_MBPS;
      cumEndBytes[k] = cum;
    }
    this.periodSeconds = endSeconds[n - 1];
    this.periodBytes = cum;
  }

  /**
   * A link of constant capacity.
   *
   * @throws LinkTraceException when {@code mbps} is not a positive finite number
   */
  public static LinkTrace constant(double mbps) {
    String source = "constant " + formatMbps(mbps) + " Mbps";
    if (!(mbps > 0) || Double.isInfinite(mbps)) {
      throw new LinkTraceException(
          source, 0, "rate " + mbps + " Mbps is not usable; expected a positive finite number");
    }
    return new LinkTrace(source, true, new double[] {1.0}, new double[] {mbps});
  }

  /**
   * Reads a trace file ({@code seconds Mbps} per line).
   *
   * @throws IOException when the file cannot be read
   * @throws LinkTraceException when its content is not a usable trace, naming the line
   */
  public static LinkTrace parse(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      throw new LinkTraceException(
          file.toString(), 0, "file has " + size + " bytes; expected at most " + MAX_FILE_BYTES);
    }
    return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Parses trace text ({@code seconds Mbps} per line).
   *
   * @param source names the trace in messages and {@link #describe()}
   * @throws LinkTraceException when the text is not a usable trace, naming the line
   */
  public static LinkTrace parse(String source, String text) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(text, "text");
    List<double[]> samples = new ArrayList<>();
    String[] lines = text.split("\r\n|\n|\r", -1);
    double previousSeconds = -1;
    for (int i = 0; i < lines.length; i++) {
      int lineNumber = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split("\\s+");
      if (fields.length != 2) {
        throw new LinkTraceException(
            source, lineNumber, "has " + fields.length + " fields; expected 2: seconds and Mbps");
      }
      double seconds = number(source, lineNumber, fields[0], "time");
      double mbps = number(source, lineNumber, fields[1], "rate");
      if (seconds < 0) {
        throw new LinkTraceException(
            source, lineNumber, "time " + fields[0] + " is negative; expected seconds >= 0");
      }
      if (mbps < 0) {
        throw new LinkTraceException(
            source, lineNumber, "rate " + fields[1] + " is negative; expected Mbps >= 0");
      }
      if (seconds <= previousSeconds) {
        throw new LinkTraceException(
            source,
            lineNumber,
            "time "
                + fields[0]
                + " does not come after the previous time "
                + previousSeconds
                + "; expected strictly increasing times");
      }
      previousSeconds = seconds;
      samples.add(new double[] {seconds, mbps});
    }
    if (samples.size() < 2) {
      throw new LinkTraceException(
          source,
          0,
          "has "
              + samples.size()
              + " sample(s); expected at least 2 lines (the first line's rate is never used)");
    }
    int n = samples.size() - 1;
    double[] ends = new double[n];
    double[] rates = new double[n];
    for (int k = 0; k < n; k++) {
      ends[k] = samples.get(k + 1)[0];
      rates[k] = samples.get(k + 1)[1];
    }
    LinkTrace trace = new LinkTrace(source, false, ends, rates);
    if (!(trace.periodBytes > 0)) {
      throw new LinkTraceException(
          source, 0, "carries no data over its period; expected some rate above 0 Mbps");
    }
    return trace;
  }

  private static double number(String source, int lineNumber, String field, String what) {
    double value;
    try {
      value = Double.parseDouble(field);
    } catch (NumberFormatException e) {
      throw new LinkTraceException(source, lineNumber, what + " \"" + field + "\" is not a number");
    }
    if (!Double.isFinite(value)) {
      throw new LinkTraceException(
          source, lineNumber, what + " \"" + field + "\" is not a finite number");
    }
    return value;
  }

  /** Where this trace came from, e.g. a file name or {@code constant 2 Mbps}. */
  public String source() {
    return source;
  }

  /** The length of one loop of the trace, in seconds. */
  public double periodSeconds() {
    return periodSeconds;
  }

  /** The time-weighted mean capacity over one period, in Mbps. */
  public double meanMbps() {
    return periodBytes / BYTES_PER_SECOND_PER_MBPS / periodSeconds;
  }

  /** The capacity at link time {@code seconds} (>= 0), in Mbps. */
  public double capacityMbpsAt(double seconds) {
    return rateMbps[segmentAt(positionInPeriod(seconds))];
  }

  /** The capacity at link time {@code seconds} (>= 0), in bytes per second. */
  double capacityBytesPerSecondAt(double seconds) {
    return capacityMbpsAt(seconds) * BYTES_PER_SECOND_PER_MBPS;
  }

  /** How many bytes the link can carry from time 0 to {@code seconds} (>= 0). */
  public double cumulativeBytes(double seconds) {
    if (seconds <= 0) {
      return 0;
    }
    double loops = Math.floor(seconds / periodSeconds);
    double position = seconds - loops * periodSeconds;
    int k = segmentAt(position);
    double inSegment =
        Math.max(0, position - startSeconds[k]) * rateMbps[k] * BYTES_PER_SECOND_PER_MBPS;
    return loops * periodBytes + Math.min(cumStartBytes[k] + inSegment, cumEndBytes[k]);
  }

  /**
   * The earliest link time at which {@code bytes} more bytes have been carried when starting at
   * {@code fromSeconds}: the finish time of a transfer that has the link to itself.
   */
  public double finishSeconds(double fromSeconds, double bytes) {
    double from = Math.max(0, fromSeconds);
    if (!(bytes > 0)) {
      return from;
    }
    double target = cumulativeBytes(from) + bytes;
    double loops = Math.floor(target / periodBytes);
    double remaining = target - loops * periodBytes;
    if (remaining <= 0 && loops > 0) {
      loops -= 1;
      remaining = periodBytes;
    }
    // First segment whose cumulative end reaches the remaining bytes; its rate is above 0.
    int k = Arrays.binarySearch(cumEndBytes, remaining);
    if (k < 0) {
      k = -k - 1;
    } else {
      while (k > 0 && cumEndBytes[k - 1] >= remaining) {
        k--;
      }
    }
    k = Math.min(k, cumEndBytes.length - 1);
    double rate = rateMbps[k] * BYTES_PER_SECOND_PER_MBPS;
    double within =
        rate > 0
            ? Math.min(endSeconds[k], startSeconds[k] + (remaining - cumStartBytes[k]) / rate)
            : endSeconds[k];
    return Math.max(from, loops * periodSeconds + within);
  }

  /** One line: source, and for files the sample count, period and mean rate. */
  public String describe() {
    if (constant) {
      return source;
    }
    return String.format(
        Locale.ROOT,
        "trace %s (%d intervals, period %.1f s, mean %.2f Mbps)",
        source,
        rateMbps.length,
        periodSeconds,
        meanMbps());
  }

  @Override
  public String toString() {
    return describe();
  }

  private double positionInPeriod(double seconds) {
    if (seconds <= 0) {
      return 0;
    }
    double position = seconds % periodSeconds;
    // Interval ends are inclusive: time t[n-1] belongs to the last interval, not the first.
    return position == 0 ? periodSeconds : position;
  }

  private int segmentAt(double position) {
    // Segment k covers (start, end]: the first k with endSeconds[k] >= position.
    int k = Arrays.binarySearch(endSeconds, position);
    if (k < 0) {
      k = -k - 1;
    }
    return Math.min(k, endSeconds.length - 1);
  }

  private static String formatMbps(double mbps) {
    if (mbps == Math.rint(mbps) && Math.abs(mbps) < 1e15) {
      return Long.toString((long) mbps);
    }
    return Double.toString(mbps);
  }
}
