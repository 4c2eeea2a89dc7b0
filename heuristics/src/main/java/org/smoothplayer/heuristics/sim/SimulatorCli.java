package org.smoothplayer.heuristics.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.smoothplayer.heuristics.policy.Policies;
import org.smoothplayer.heuristics.qoe.QoeMetric;
import org.smoothplayer.heuristics.settings.HeuristicsSettings;
import org.smoothplayer.heuristics.settings.InvalidSettingException;

/**
 * {@code simulate --traces DIR [--traces DIR2] [--policy NAME ...] [--metric lin|log|hd]
 * [--per-trace FILE] [--video DIR] [--events FILE --trace-file FILE] [--threads N] [--markdown
 * FILE] [--set KEY=VALUE ...]}. Plain JDK argument parsing; exit code 0 on success, 2 on a usage
 * error, 1 when the data cannot be used.
 */
public final class SimulatorCli {
  /** Resamples of every paired bootstrap interval the command prints. */
  private static final int BOOTSTRAP_RESAMPLES = 10_000;

  /** Seed of those resamples, so the printed intervals repeat exactly. */
  private static final long BOOTSTRAP_SEED = 42;

  /** How the markdown names the bootstrap's resamples and seed: "10 000 resamples, seed 42". */
  private static final String BOOTSTRAP_NOTE =
      String.format(Locale.ROOT, "%,d", BOOTSTRAP_RESAMPLES).replace(',', ' ')
          + " resamples, seed "
          + BOOTSTRAP_SEED;

  private static final String USAGE =
      "usage: simulate --traces DIR [--traces DIR2] [--policy NAME ...] [--metric lin|log|hd]\n"
          + "                [--per-trace FILE] [--video DIR] [--events FILE --trace-file FILE]\n"
          + "                [--threads N] [--markdown FILE] [--set heuristics.KEY=VALUE ...]"
          + " [--abandon]\n"
          + "                [--live FRAGMENTS]\n"
          + "policies: default bb rb bola dashjs media3 festive mpc robustmpc mpc-oracle optimum"
          + " (default: all)\n"
          + "          live-optimum (with --live; included in all there)\n"
          + "--video DIR: a Smooth Streaming folder (Manifest + QualityLevels(b)/Fragments(video=t))"
          + " instead of the\n"
          + "             Pensieve video (pensieve-video/ next to the first traces folder)\n"
          + "--abandon: online policies' transfers are judged in flight by the player's abandon"
          + " rule (not the\n"
          + "           reference simulator; the optimum and mpc-oracle are unchanged)\n"
          + "--live FRAGMENTS: the stream is live and sessions join FRAGMENTS (>= 1) fragment"
          + " durations behind its\n"
          + "           edge: a fragment is asked for once published, without its size or the"
          + " stream's end (not the\n"
          + "           reference simulator; the optimum and mpc-oracle stay on demand,"
          + " live-optimum is the\n"
          + "           live stream's offline optimum)";

  private SimulatorCli() {}

  /** Parsed options. */
  private static final class Options {
    final List<Path> traces = new ArrayList<>();
    final List<String> policies = new ArrayList<>();
    QoeMetric metric = QoeMetric.LIN;
    Path perTrace;
    Path video;
    Path events;
    Path traceFile;
    Path markdown;
    int threads = Runtime.getRuntime().availableProcessors();
    boolean abandon;
    double liveJoinFragments;
    final Map<String, Double> settings = new LinkedHashMap<>();

    SimConfig config() {
      return SimConfig.PENSIEVE.withAbandonRule(abandon).withLiveJoin(liveJoinFragments);
    }

    /** What the run adds to the reference simulator, for the headings ("" for none). */
    String variant() {
      String s = abandon ? ", with the abandon rule" : "";
      if (liveJoinFragments > 0) {
        s += String.format(Locale.ROOT, ", live %s fragments behind the edge", liveJoinFragments);
      }
      return s;
    }
  }

  /** Usage problem with the arguments. */
  private static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** Entry point for the launcher; exits with the code of {@link #run}. */
  public static void main(String[] a) {
    int code = run(a, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs the command; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Options o;
    try {
      o = parse(args);
    } catch (UsageException e) {
      err.println("simulate: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    if (o == null) {
      out.println(USAGE);
      return 0;
    }
    // The output files' folders first: a bad path fails now, not after minutes of simulation.
    for (Path output : new Path[] {o.perTrace, o.markdown, o.events}) {
      Path folder = output == null ? null : output.toAbsolutePath().getParent();
      if (folder != null) {
        try {
          Files.createDirectories(folder);
        } catch (IOException e) {
          err.println("simulate: cannot create the folder of " + output + ": " + e);
          return 2;
        }
      }
    }
    try {
      HeuristicsSettings settings = HeuristicsSettings.fromValues(o.settings);
      if (o.events != null) {
        return events(o, settings, out);
      }
      return benchmark(o, settings, out);
    } catch (SimulationDataException | IllegalArgumentException e) {
      err.println("simulate: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("simulate: I/O error: " + e);
      return 1;
    }
  }

  private static Options parse(String[] args) throws UsageException {
    Options o = new Options();
    int i = 0;
    if (args.length > 0 && args[0].equals("simulate")) {
      i = 1;
    }
    for (; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h":
        case "--help":
          return null;
        case "--traces":
          o.traces.add(Path.of(value(args, ++i, a)));
          break;
        case "--policy":
          for (String p : value(args, ++i, a).split(",")) {
            if (!Benchmark.known(p) && !p.equals(Benchmark.OPTIMUM)) {
              throw new UsageException(
                  "unknown policy '"
                      + p
                      + "'; expected one of "
                      + String.join(", ", Policies.NAMES)
                      + ", "
                      + String.join(
                          ", ", Benchmark.OPTIMUM, Benchmark.ORACLE, Benchmark.LIVE_OPTIMUM));
            }
            o.policies.add(p);
          }
          break;
        case "--metric":
          try {
            o.metric = QoeMetric.parse(value(args, ++i, a));
          } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
          }
          break;
        case "--per-trace":
          o.perTrace = Path.of(value(args, ++i, a));
          break;
        case "--video":
          o.video = Path.of(value(args, ++i, a));
          break;
        case "--events":
          o.events = Path.of(value(args, ++i, a));
          break;
        case "--trace-file":
          o.traceFile = Path.of(value(args, ++i, a));
          break;
        case "--markdown":
          o.markdown = Path.of(value(args, ++i, a));
          break;
        case "--threads":
          try {
            o.threads = Integer.parseInt(value(args, ++i, a));
          } catch (NumberFormatException e) {
            throw new UsageException("--threads: expected a whole number");
          }
          if (o.threads < 1) {
            throw new UsageException("--threads: expected >= 1");
          }
          break;
        case "--abandon":
          o.abandon = true;
          break;
        case "--live":
          try {
            o.liveJoinFragments = Double.parseDouble(value(args, ++i, a));
          } catch (NumberFormatException e) {
            throw new UsageException("--live: expected a number of fragments");
          }
          if (!(o.liveJoinFragments >= 1 && Double.isFinite(o.liveJoinFragments))) {
            throw new UsageException(
                "--live: expected a finite number >= 1 of fragments behind the edge but was "
                    + o.liveJoinFragments);
          }
          break;
        case "--set":
          String kv = value(args, ++i, a);
          int eq = kv.indexOf('=');
          if (eq < 1) {
            throw new UsageException("--set: expected KEY=VALUE but was '" + kv + "'");
          }
          try {
            o.settings.put(kv.substring(0, eq), Double.parseDouble(kv.substring(eq + 1)));
          } catch (NumberFormatException e) {
            throw new UsageException("--set: not a number in '" + kv + "'");
          }
          break;
        default:
          throw new UsageException("unknown argument '" + a + "'");
      }
    }
    if (o.policies.contains(Benchmark.LIVE_OPTIMUM) && o.liveJoinFragments == 0) {
      throw new UsageException(
          Benchmark.LIVE_OPTIMUM + " needs --live FRAGMENTS (on demand it is the optimum)");
    }
    try {
      HeuristicsSettings.fromValues(o.settings);
    } catch (InvalidSettingException e) {
      throw new UsageException("--set " + e.getMessage());
    }
    if (o.events != null) {
      if (o.traceFile == null || o.policies.size() != 1) {
        throw new UsageException("--events needs one --trace-file and exactly one --policy");
      }
      o.traceFile = traceFileIn(o.traceFile, o.traces);
    } else if (o.traces.isEmpty()) {
      throw new UsageException("at least one --traces DIR is required");
    }
    return o;
  }

  /**
   * The trace file as given, or, when no file is there and the name is relative, the file of that
   * name in the first {@code --traces} folder holding one ({@code --traces DIR --trace-file
   * norway_bus_1}).
   */
  static Path traceFileIn(Path traceFile, List<Path> tracesDirs) {
    if (Files.exists(traceFile) || traceFile.isAbsolute()) {
      return traceFile;
    }
    for (Path dir : tracesDirs) {
      Path inside = dir.resolve(traceFile);
      if (Files.isRegularFile(inside)) {
        return inside;
      }
    }
    return traceFile;
  }

  private static String value(String[] args, int i, String option) throws UsageException {
    if (i >= args.length) {
      throw new UsageException(option + ": missing value");
    }
    return args[i];
  }

  private static Video video(Options o, Path tracesDir) {
    if (o.video != null) {
      return SmoothVideoFolder.read(o.video);
    }
    Path parent = tracesDir.toAbsolutePath().getParent();
    Path pensieve = parent == null ? null : parent.resolve("pensieve-video");
    if (pensieve == null || !Files.isDirectory(pensieve)) {
      throw new SimulationDataException(
          "no pensieve-video/ folder next to " + tracesDir + "; pass --video DIR");
    }
    return Video.readPensieve(pensieve, 48);
  }

  private static int events(Options o, HeuristicsSettings settings, PrintStream out)
      throws IOException {
    Trace trace = Trace.read(o.traceFile);
    Video video = video(o, o.traceFile.toAbsolutePath().getParent());
    Benchmark b = new Benchmark(video, o.config(), settings, o.metric, 1);
    SessionResult r;
    try (OutputStream os = Files.newOutputStream(o.events);
        PrintStream ps = new PrintStream(os, false, StandardCharsets.UTF_8)) {
      r = b.session(trace, o.policies.get(0), new JsonLines(ps));
    }
    out.printf(
        Locale.ROOT,
        "%s on %s: QoE_%s %.3f, %d events written to %s%n",
        o.policies.get(0),
        trace.name(),
        o.metric.cliName(),
        r.qoe(o.metric),
        Files.readAllLines(o.events).size(),
        o.events);
    return 0;
  }

  private static int benchmark(Options o, HeuristicsSettings settings, PrintStream out)
      throws IOException {
    List<String> policies = new ArrayList<>(o.policies);
    if (policies.isEmpty() || o.markdown != null) {
      List<String> all = Benchmark.allPolicies();
      if (o.liveJoinFragments > 0) {
        all.add(Benchmark.LIVE_OPTIMUM);
      }
      for (String p : all) {
        if (!policies.contains(p)) {
          policies.add(p);
        }
      }
    }
    policies.remove(Benchmark.OPTIMUM);
    policies.add(Benchmark.OPTIMUM);
    QoeMetric metric = o.markdown != null ? QoeMetric.LIN : o.metric;
    List<String> csv = new ArrayList<>();
    csv.add("set,trace,policy,qoe_lin,qoe_log,qoe_hd,mean_bitrate_kbps,stall_s,switches");
    StringBuilder md = new StringBuilder();
    for (Path dir : o.traces) {
      long startNs = System.nanoTime();
      List<Trace> traces = Trace.readDirectory(dir);
      Video video = video(o, dir);
      Benchmark b = new Benchmark(video, o.config(), settings, metric, o.threads);
      SessionResult[][] results = b.run(traces, policies);
      double seconds = (System.nanoTime() - startNs) / 1e9;
      String set = dir.getFileName().toString();
      SessionResult[] optimum = results[policies.size() - 1];
      out.printf(
          Locale.ROOT,
          "set %s: %d traces, video %s, metric QoE_%s, %d policies in %.1f s (%d threads)%s%n",
          set,
          traces.size(),
          video.name(),
          metric.cliName(),
          policies.size(),
          seconds,
          o.threads,
          o.variant());
      out.printf(
          Locale.ROOT,
          "%-11s %9s %9s %9s %8s %9s %7s %7s %7s %9s%n",
          "policy",
          "mean_qoe",
          "strict",
          "kbps",
          "stall_s",
          "switch_kb",
          "ratio",
          "median",
          "p10",
          "stallfree");
      for (int p = 0; p < policies.size(); p++) {
        Benchmark.Summary s = Benchmark.summarise(policies.get(p), results[p], optimum, metric);
        out.printf(
            Locale.ROOT,
            "%-11s %9.3f %9.3f %9.1f %8.3f %9.1f %7.3f %7.3f %7.3f %9.3f%n",
            s.policy(),
            s.meanQoe(),
            s.meanQoeStrict(),
            s.meanBitrateKbps(),
            s.meanStallS(),
            s.meanSwitchKbps(),
            s.ratioOfMeans(),
            s.medianRatio(),
            s.p10Ratio(),
            s.stallFreeShare());
        for (SessionResult r : results[p]) {
          csv.add(
              String.format(
                  Locale.ROOT,
                  "%s,%s,%s,%.6f,%.6f,%.6f,%.3f,%.6f,%d",
                  set,
                  r.trace(),
                  r.policy(),
                  r.qoe(QoeMetric.LIN),
                  r.qoe(QoeMetric.LOG),
                  r.qoe(QoeMetric.HD),
                  r.meanBitrateKbps(),
                  r.stallS(),
                  r.switches()));
        }
      }
      int d = policies.indexOf("default");
      int rm = policies.indexOf("robustmpc");
      double[] ci = null;
      if (d >= 0 && rm >= 0) {
        ci =
            Benchmark.pairedBootstrap(
                Benchmark.qoes(results[d], metric),
                Benchmark.qoes(results[rm], metric),
                BOOTSTRAP_RESAMPLES,
                BOOTSTRAP_SEED);
        out.printf(
            Locale.ROOT,
            "default - robustmpc: %.3f per trace, paired bootstrap 95%% CI [%.3f, %.3f]%n",
            ci[0],
            ci[1],
            ci[2]);
      }
      List<String> ratioLines = new ArrayList<>();
      if (d >= 0) {
        ratioLines.add(ratioLine(results[d], optimum, Benchmark.OPTIMUM, metric));
        if (rm >= 0) {
          ratioLines.add(ratioLine(results[d], results[rm], "robustmpc", metric));
        }
      }
      int live = policies.indexOf(Benchmark.LIVE_OPTIMUM);
      if (d >= 0 && live >= 0) {
        ratioLines.add(ratioLine(results[d], results[live], Benchmark.LIVE_OPTIMUM, metric));
      }
      ratioLines.forEach(out::println);
      if (live >= 0) {
        out.println(liveRatios(policies, results, live, metric));
      }
      out.println();
      if (o.markdown != null) {
        markdownSet(
            md,
            set + o.variant(),
            traces.size(),
            policies,
            results,
            optimum,
            ci,
            seconds,
            o.threads);
        for (String line : ratioLines) {
          md.append(line).append(" (QoE_lin, ").append(BOOTSTRAP_NOTE).append(").\n\n");
        }
        if (live >= 0) {
          md.append(liveRatios(policies, results, live, metric)).append(" (QoE_lin).\n\n");
        }
      }
    }
    if (o.perTrace != null) {
      Files.write(o.perTrace, csv, StandardCharsets.UTF_8);
    }
    if (o.markdown != null) {
      Files.writeString(o.markdown, md.toString(), StandardCharsets.UTF_8);
    }
    return 0;
  }

  private static void markdownSet(
      StringBuilder md,
      String set,
      int traceCount,
      List<String> policies,
      SessionResult[][] results,
      SessionResult[] optimum,
      double[] ci,
      double seconds,
      int threads) {
    md.append(
        String.format(
            Locale.ROOT,
            "### %s (%d traces; all policies + optimum in %.0f s on %d threads)%n%n",
            set,
            traceCount,
            seconds,
            threads));
    md.append(
        "| policy | QoE_lin | ratio to optimum | median ratio | p10 ratio | QoE_log | QoE_hd"
            + " | mean kbps | stall s/trace | stall-free | switch kbps/chunk |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int p = 0; p < policies.size(); p++) {
      Benchmark.Summary lin =
          Benchmark.summarise(policies.get(p), results[p], optimum, QoeMetric.LIN);
      double log = mean(Benchmark.qoes(results[p], QoeMetric.LOG));
      double hd = mean(Benchmark.qoes(results[p], QoeMetric.HD));
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.2f | %.3f | %.3f | %.3f | %.2f | %.1f | %.0f | %.2f | %.2f | %.0f |%n",
              policies.get(p),
              lin.meanQoe(),
              lin.ratioOfMeans(),
              lin.medianRatio(),
              lin.p10Ratio(),
              log,
              hd,
              lin.meanBitrateKbps(),
              lin.meanStallS(),
              lin.stallFreeShare(),
              lin.meanSwitchKbps()));
    }
    if (ci != null) {
      md.append(
          String.format(
              Locale.ROOT,
              "%ndefault − robustMPC (QoE_lin per trace): %.3f, paired bootstrap 95 %% CI [%.3f,"
                  + " %.3f] (%s).%n%n",
              ci[0],
              ci[1],
              ci[2],
              BOOTSTRAP_NOTE));
    }
  }

  /**
   * One line: the default's mean QoE as a share of {@code reference}'s, with its paired bootstrap
   * 95 % interval (the targets are such shares: of the optimum, over robustMPC).
   */
  static String ratioLine(
      SessionResult[] defaults, SessionResult[] reference, String name, QoeMetric metric) {
    Optional<double[]> ratio =
        Benchmark.pairedRatioBootstrap(
            Benchmark.qoes(defaults, metric),
            Benchmark.qoes(reference, metric),
            BOOTSTRAP_RESAMPLES,
            BOOTSTRAP_SEED);
    if (ratio.isEmpty()) {
      return "default / " + name + ": undefined (the mean QoE of " + name + " is not positive)";
    }
    double[] r = ratio.get();
    if (Double.isNaN(r[1])) {
      return String.format(
          Locale.ROOT,
          "default / %s: %.3f (ratio of means), paired bootstrap 95%% CI undefined"
              + " (a resample's mean QoE of %s is not positive)",
          name,
          r[0],
          name);
    }
    return String.format(
        Locale.ROOT,
        "default / %s: %.3f (ratio of means), paired bootstrap 95%% CI [%.3f, %.3f]",
        name,
        r[0],
        r[1],
        r[2]);
  }

  /**
   * One line: every policy's mean QoE as a share of the live optimum's (the reference a live player
   * can reach at best, where the table's ratio is to the on-demand optimum).
   */
  static String liveRatios(
      List<String> policies, SessionResult[][] results, int live, QoeMetric metric) {
    double reference = mean(Benchmark.qoes(results[live], metric));
    StringBuilder line = new StringBuilder("ratio to " + Benchmark.LIVE_OPTIMUM + ":");
    for (int p = 0; p < policies.size(); p++) {
      line.append(
          String.format(
              Locale.ROOT,
              "%s %s %.3f",
              p == 0 ? "" : ",",
              policies.get(p),
              mean(Benchmark.qoes(results[p], metric)) / reference));
    }
    return line.toString();
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }
}
