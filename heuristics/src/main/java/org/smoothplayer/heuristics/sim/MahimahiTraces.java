package org.smoothplayer.heuristics.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Converts Mahimahi link traces into the simulator's trace format, so recorded links that are not
 * in this repository can check how a policy generalises.
 *
 * <p>A Mahimahi trace has one line per delivery opportunity: a time in whole milliseconds from the
 * start of the trace at which one 1500-byte packet can cross the link (a time repeated on several
 * lines is several packets in that millisecond); the link repeats the file from its last time on.
 * The conversion counts the opportunities in bins of {@code binMs} milliseconds, {@code [k·binMs,
 * (k+1)·binMs)}, and writes each bin's capacity in Mbit/s (packets × 1500 × 8 bits / bin length) as
 * the sample that ends at the bin's end, the simulator's convention (sample {@code i} is the
 * capacity during {@code (t[i-1], t[i]]}), after a first sample at time 0. Only whole bins are
 * written: the opportunities after the last whole bin are left out, so a trace whose period is not
 * a multiple of the bin does not end on a bin that looks slower than the link was.
 */
public final class MahimahiTraces {
  /** Bytes one delivery opportunity carries (Mahimahi's MTU-sized packet). */
  static final int PACKET_BYTES = 1500;

  private MahimahiTraces() {}

  /**
   * Capacity per bin, Mbit/s, of the Mahimahi trace {@code lines} (named {@code name} in errors),
   * times {@code scale}.
   *
   * @throws SimulationDataException for a line that is not a whole number of milliseconds ≥ 0, a
   *     time that goes backwards, or a trace shorter than one bin
   */
  public static double[] binnedMbps(String name, List<String> lines, int binMs, double scale) {
    if (binMs < 1) {
      throw new SimulationDataException("bin: expected >= 1 ms but was " + binMs);
    }
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new SimulationDataException("scale: expected a finite number > 0 but was " + scale);
    }
    List<Long> times = new ArrayList<>(lines.size());
    long previous = 0;
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).strip();
      if (t.isEmpty()) {
        continue;
      }
      long ms;
      try {
        ms = Long.parseLong(t);
      } catch (NumberFormatException e) {
        throw new SimulationDataException(
            name
                + ": line "
                + (i + 1)
                + ": expected a time in whole milliseconds but was '"
                + t
                + "'",
            e);
      }
      if (ms < 0) {
        throw new SimulationDataException(
            name + ": line " + (i + 1) + ": expected a time >= 0 ms but was " + ms);
      }
      if (ms < previous) {
        throw new SimulationDataException(
            name
                + ": line "
                + (i + 1)
                + ": time goes backwards ("
                + ms
                + " after "
                + previous
                + ")");
      }
      previous = ms;
      times.add(ms);
    }
    long bins = previous / binMs;
    if (bins < 1) {
      throw new SimulationDataException(
          name
              + ": expected a trace of at least one bin ("
              + binMs
              + " ms) but it ends at "
              + previous
              + " ms");
    }
    if (bins > Integer.MAX_VALUE - 8) {
      throw new SimulationDataException(name + ": too many bins (" + bins + ")");
    }
    long[] packets = new long[(int) bins];
    for (long ms : times) {
      long bin = ms / binMs;
      if (bin < bins) {
        packets[(int) bin]++;
      }
    }
    double[] mbps = new double[packets.length];
    for (int k = 0; k < packets.length; k++) {
      mbps[k] = packets[k] * PACKET_BYTES * 8.0 / (binMs * 1000.0) * scale;
    }
    return mbps;
  }

  /** The trace file's text: {@code time_s<TAB>Mbps} lines, a first one at time 0. */
  static String traceText(double[] mbps, int binMs) {
    StringBuilder text = new StringBuilder((mbps.length + 1) * 16);
    for (int k = -1; k < mbps.length; k++) {
      double endS = (k + 1) * binMs / 1000.0;
      double value = mbps[Math.max(0, k)];
      text.append(String.format(Locale.ROOT, "%.3f\t%.6f%n", endS, value));
    }
    return text.toString();
  }

  /** Converts {@code file} into {@code dir/<file name>}; returns the written file. */
  public static Path convert(Path file, Path dir, int binMs, double scale) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String name = file.getFileName().toString();
    double[] mbps = binnedMbps(name, lines, binMs, scale);
    Files.createDirectories(dir);
    Path out = dir.resolve(name);
    Files.writeString(out, traceText(mbps, binMs), StandardCharsets.UTF_8);
    return out;
  }

  /**
   * {@code --out DIR [--bin-ms N (1000)] [--scale F (1)] FILE...}: converts each file into
   * DIR/&lt;its name&gt;. Exit code 0 ok, 2 usage error, 1 unreadable or malformed input.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String usage = "usage: MahimahiTraces --out DIR [--bin-ms N (1000)] [--scale F (1)] FILE...";
    Path outDir = null;
    int binMs = 1000;
    double scale = 1;
    List<Path> files = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("-h") || a.equals("--help")) {
          out.println(usage);
          return 0;
        }
        if (!a.startsWith("--")) {
          files.add(Path.of(a));
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(a + ": expected a value after it");
        }
        String v = args[++i];
        switch (a) {
          case "--out" -> outDir = Path.of(v);
          case "--bin-ms" -> binMs = TraceToolOptions.positive(a, v);
          case "--scale" -> scale = TraceToolOptions.positiveNumber(a, v);
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if (outDir == null) {
        throw new IllegalArgumentException("--out: expected an output folder");
      }
      if (files.isEmpty()) {
        throw new IllegalArgumentException("expected at least one Mahimahi trace file");
      }
    } catch (IllegalArgumentException e) {
      err.println("MahimahiTraces: " + e.getMessage());
      err.println(usage);
      return 2;
    }
    try {
      for (Path f : files) {
        Path written = convert(f, outDir, binMs, scale);
        out.println(f + " -> " + written);
      }
    } catch (IOException e) {
      err.println("MahimahiTraces: I/O error: " + e.getMessage());
      return 1;
    } catch (SimulationDataException e) {
      err.println("MahimahiTraces: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  /** Command-line entry point. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }
}
