package org.smoothplayer.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The soak's resource samples and what is made of them (pure): the bounds, the start/end checks,
 * the verdict, the sample and check tables, and the RSS trend.
 */
final class SoakSamples {

  /** Bytes in a MiB. */
  static final long MIB = 1024 * 1024;

  /** Largest growth, end sample minus start sample, that still counts as flat. */
  record Bounds(
      double rssMib,
      double heapMib,
      double directMib,
      double javacppMib,
      int jvmThreads,
      int osThreads,
      int fds) {

    /** The bounds the soak is judged by (see docs/BENCHMARKS.md). */
    static final Bounds DEFAULT = new Bounds(64, 20, 8, 8, 2, 4, 5);
  }

  /**
   * One measurement of the process; -1 for what this system cannot tell.
   *
   * @param label when: {@code start}, {@code end} or the seconds into the soak
   * @param sessions soak sessions closed so far
   * @param open the kind of the session open while sampling, {@code -} when none
   * @param rssKb resident set ({@code VmRSS})
   * @param heapUsedBytes heap used after two {@code System.gc()} {@value
   *     SoakProcessProbe#CLEANER_WAIT_MS} ms apart
   * @param heapCommittedBytes heap committed then (its touched part is in the RSS)
   * @param nonHeapCommittedBytes non-heap memory committed (metaspace, code cache)
   * @param directBytes memory of the "direct" buffer pool
   * @param directBuffers buffers in the "direct" buffer pool
   * @param javacppBytes native memory JavaCPP tracks ({@code Pointer.totalBytes()})
   * @param jvmThreads live JVM threads (ThreadMXBean)
   * @param osThreads tasks of the process ({@code /proc/self/task}), native threads included
   * @param fds open file descriptors ({@code /proc/self/fd})
   */
  record Sample(
      String label,
      int sessions,
      String open,
      long rssKb,
      long heapUsedBytes,
      long heapCommittedBytes,
      long nonHeapCommittedBytes,
      long directBytes,
      long directBuffers,
      long javacppBytes,
      int jvmThreads,
      int osThreads,
      int fds) {}

  /**
   * One before/after comparison.
   *
   * @param metric name and unit, e.g. {@code RSS, MiB}
   * @param before the start value (negative: not measured)
   * @param after the end value (negative: not measured)
   * @param change the growth judged: {@code after - before}, or for counts of named things
   *     (threads, fds) the number in the name shapes that grew, so things that ended during the
   *     soak cannot hide new ones
   * @param bound largest growth that passes
   * @param decimals decimals to print
   */
  record Check(
      String metric, double before, double after, double change, double bound, int decimals) {

    /** The growth judged is the end value minus the start value. */
    static Check net(String metric, double before, double after, double bound, int decimals) {
      return new Check(metric, before, after, after - before, bound, decimals);
    }

    boolean measured() {
      return before >= 0 && after >= 0;
    }

    /** Grew by more than the bound (never when not measured). */
    boolean exceeded() {
      return measured() && change() > bound;
    }

    /** {@code threads +6 > +2}. */
    String brief() {
      return metric + " " + signed(change(), decimals) + " > " + signed(bound, decimals);
    }
  }

  /** Start against end, one check per metric, every growth judged as end minus start. */
  static List<Check> checks(Sample before, Sample after, Bounds bounds) {
    return checks(before, after, 0, 0, bounds);
  }

  /**
   * Start against end, one check per metric. JVM threads and open fds are judged by the larger of
   * end minus start and the given growth by name shape (the sum of every shape's increase, {@link
   * SoakProcessProbe#grown}): a leaked thread counts even when an unrelated one ended meanwhile.
   */
  static List<Check> checks(
      Sample before, Sample after, int jvmThreadsGrown, int fdsGrown, Bounds bounds) {
    return List.of(
        Check.net(
            "RSS, MiB", mib(before.rssKb() * 1024), mib(after.rssKb() * 1024), bounds.rssMib(), 1),
        Check.net(
            "heap used after GC, MiB",
            mib(before.heapUsedBytes()),
            mib(after.heapUsedBytes()),
            bounds.heapMib(),
            1),
        Check.net(
            "direct buffers, MiB",
            mib(before.directBytes()),
            mib(after.directBytes()),
            bounds.directMib(),
            1),
        Check.net(
            "JavaCPP native, MiB",
            mib(before.javacppBytes()),
            mib(after.javacppBytes()),
            bounds.javacppMib(),
            1),
        new Check(
            "JVM threads",
            before.jvmThreads(),
            after.jvmThreads(),
            Math.max(after.jvmThreads() - before.jvmThreads(), jvmThreadsGrown),
            bounds.jvmThreads(),
            0),
        Check.net("OS threads", before.osThreads(), after.osThreads(), bounds.osThreads(), 0),
        new Check(
            "open fds",
            before.fds(),
            after.fds(),
            Math.max(after.fds() - before.fds(), fdsGrown),
            bounds.fds(),
            0));
  }

  private static double mib(long bytes) {
    return bytes < 0 ? -1 : bytes / (double) MIB;
  }

  /** The before/after table in Markdown. */
  static List<String> checkTable(List<Check> checks) {
    List<String> lines = new ArrayList<>();
    lines.add("| metric | start | end | change | bound | |");
    lines.add("|---|---:|---:|---:|---:|---|");
    for (Check c : checks) {
      lines.add(
          "| "
              + c.metric()
              + " | "
              + number(c.before(), c.decimals())
              + " | "
              + number(c.after(), c.decimals())
              + " | "
              + (c.measured() ? signed(c.change(), c.decimals()) : "n/a")
              + " | "
              + signed(c.bound(), c.decimals())
              + " | "
              + (!c.measured() ? "not measured" : c.exceeded() ? "EXCEEDED" : "ok")
              + " |");
    }
    for (Check c : checks) {
      double net = c.after() - c.before();
      if (c.measured() && c.change() != net) {
        lines.add("");
        lines.add(
            c.metric()
                + ": the change counts those in the name shapes that grew ("
                + signed(c.change(), c.decimals())
                + "); end minus start is "
                + signed(net, c.decimals())
                + ", as some that were there at the start ended");
      }
    }
    return lines;
  }

  /**
   * The last line: {@code verdict: flat ...} when no bound is exceeded and there is no other
   * problem, otherwise {@code verdict: NOT FLAT: ...} naming each exceeded bound and the number of
   * other problems.
   */
  static String verdict(List<Check> checks, List<String> problems) {
    List<String> exceeded = checks.stream().filter(Check::exceeded).map(Check::brief).toList();
    if (exceeded.isEmpty() && problems.isEmpty()) {
      return "verdict: flat: every change within its bound, every session log consistent";
    }
    StringJoiner why = new StringJoiner("; ");
    exceeded.forEach(why::add);
    if (!problems.isEmpty()) {
      why.add(problems.size() + (problems.size() == 1 ? " other problem" : " other problems"));
    }
    return "verdict: NOT FLAT: " + why;
  }

  /** A value at a time, for a trend. */
  record Point(double minutes, double value) {}

  /** The least-squares slope of the points, per minute; NaN with fewer than two distinct times. */
  static double slopePerMinute(List<Point> points) {
    int n = points.size();
    double mx = points.stream().mapToDouble(Point::minutes).average().orElse(Double.NaN);
    double my = points.stream().mapToDouble(Point::value).average().orElse(Double.NaN);
    double sxy = 0;
    double sxx = 0;
    for (Point p : points) {
      sxy += (p.minutes() - mx) * (p.value() - my);
      sxx += (p.minutes() - mx) * (p.minutes() - mx);
    }
    return n < 2 || sxx == 0 ? Double.NaN : sxy / sxx;
  }

  /** The header of the sample table. */
  static final String SAMPLE_HEADER =
      "| t | sessions | open | RSS MiB | heap after GC MiB | heap committed MiB | non-heap MiB"
          + " | direct MiB (buffers) | JavaCPP MiB | JVM threads | OS threads | fds |";

  static final String SAMPLE_RULE = "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

  /** One row of the sample table. */
  static String sampleRow(Sample s) {
    return "| "
        + s.label()
        + " | "
        + s.sessions()
        + " | "
        + s.open()
        + " | "
        + number(s.rssKb() < 0 ? -1 : s.rssKb() / 1024.0, 1)
        + " | "
        + number(mib(s.heapUsedBytes()), 1)
        + " | "
        + number(mib(s.heapCommittedBytes()), 1)
        + " | "
        + number(mib(s.nonHeapCommittedBytes()), 1)
        + " | "
        + number(mib(s.directBytes()), 1)
        + " ("
        + number(s.directBuffers(), 0)
        + ") | "
        + number(mib(s.javacppBytes()), 1)
        + " | "
        + number(s.jvmThreads(), 0)
        + " | "
        + number(s.osThreads(), 0)
        + " | "
        + number(s.fds(), 0)
        + " |";
  }

  private static String number(double value, int decimals) {
    return value < 0 ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  private static String signed(double value, int decimals) {
    return String.format(Locale.ROOT, "%+." + decimals + "f", value);
  }

  private SoakSamples() {}
}
