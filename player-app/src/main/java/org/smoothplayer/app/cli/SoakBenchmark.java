package org.smoothplayer.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.cli.SoakRun.SoakFailure;
import org.smoothplayer.app.session.SessionLogWriter;
import org.smoothplayer.assets.generate.LevelSpec;
import org.smoothplayer.assets.generate.ManifestStyle;
import org.smoothplayer.assets.generate.PresentationSpec;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.origin.LocalOrigin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code smooth-player bench soak}: many playback sessions back to back in this JVM for a bounded
 * wall time, checking that memory, threads and open files stay flat and that every session log
 * stays consistent.
 *
 * <p>The soak alternates phases of {@code --phase-s} seconds: VOD (one session after the other:
 * when a session ends the next opens) and live (one session of an endless broadcast with a small
 * DVR window). Every session has its own {@link LocalOrigin} (so {@code @N} fault budgets start
 * again) with a few injected faults on chosen fragments ({@link SoakFaultPlan#faults}), its own
 * {@link SessionLogWriter} in a temporary folder, and follows the soak-wide {@link
 * SoakSchedule#schedule}: a quality switch every {@value SoakSchedule#SWITCH_EVERY_MS} ms (a forced
 * level, then auto), VOD seeks, DVR seeks back and returns to the live edge. After a warm-up
 * ({@value SoakRun#WARM_UP_PHASES} phases run exactly like the soak's, so the allocator, the JIT
 * and the heap reach their working size) and with no session open, the process is sampled ({@link
 * SoakSamples.Sample}: RSS, heap used and committed after a full GC, non-heap, direct buffers,
 * JavaCPP-tracked native bytes, JVM and OS threads, open file descriptors); again every {@code
 * --report-every} seconds during the soak, and once more after the last session closed. The start
 * and end samples (both idle) are compared against {@link SoakSamples.Bounds}; the last line is the
 * verdict.
 *
 * <p>This class is the command line; the soak itself is {@link SoakRun}, with its schedule in
 * {@link SoakSchedule}, its faults in {@link SoakFaultPlan}, its samples, checks and verdict in
 * {@link SoakSamples} and {@link SoakProcessProbe}, and the session-log check in {@link SoakLogs}.
 */
@Command(
    name = "soak",
    mixinStandardHelpOptions = true,
    description = {
      "Long-session soak: back-to-back live and VOD sessions in this JVM with quality switches,"
          + " seeks and injected faults for a wall time; samples RSS, heap after GC, direct and"
          + " JavaCPP native memory, threads and open files; checks every session log; the last"
          + " line is the verdict against the bounds (see docs/BENCHMARKS.md).",
      "Exit codes: 0 flat and every check passed, 1 a bound exceeded or a check failed (named),"
          + " 2 usage error."
    })
public final class SoakBenchmark implements Callable<Integer> {

  /** Wall time of the soak (after the warm-up), in minutes, by default. */
  public static final double DEFAULT_MINUTES = 10;

  /** Longest accepted {@code --minutes}: one day. */
  static final double MAX_MINUTES = 24 * 60;

  /** Interval of the samples during the soak, in seconds, by default. */
  public static final int DEFAULT_REPORT_EVERY_S = 30;

  static final int MIN_REPORT_EVERY_S = 1;

  static final int MAX_REPORT_EVERY_S = 3600;

  /** Length of one phase (VOD sessions, then one live session, ...), in seconds, by default. */
  public static final int DEFAULT_PHASE_S = 60;

  static final int MIN_PHASE_S = 5;

  static final int MAX_PHASE_S = 3600;

  /** Exit code when everything stayed within its bound and every check passed. */
  static final int EXIT_FLAT = 0;

  /** Exit code when a bound was exceeded, a check failed or the soak could not run. */
  static final int EXIT_FAILED = 1;

  /** The default content: 24 s, three small levels, 2-s fragments (cheap to decode for long). */
  static final PresentationSpec SOAK_CONTENT =
      new PresentationSpec(
          "soak-ladder",
          24_000,
          2_000,
          List.of(
              new LevelSpec(250_000, 192, 108),
              new LevelSpec(600_000, 320, 180),
              new LevelSpec(1_200_000, 480, 270)),
          25,
          true,
          ManifestStyle.TIMED,
          PresentationSpec.DEFAULT_FLASH_INTERVAL_MS);

  /** The presentations a soak can play. */
  enum Content {
    /** {@link SoakBenchmark#SOAK_CONTENT}: 24 s, 3 levels, 2-s fragments. */
    SOAK(SOAK_CONTENT),
    /** {@link Preset#TINY}: 4 s, 2 levels, 1-s fragments (for short runs). */
    TINY(Preset.TINY.spec());

    final PresentationSpec spec;

    Content(PresentationSpec spec) {
      this.spec = spec;
    }
  }

  /**
   * One soak.
   *
   * @param durationMs wall time of the soak after the warm-up
   * @param reportEveryMs interval of the samples
   * @param phaseMs length of a VOD or live phase
   * @param content what is played
   * @param keep folder to keep the session logs and request logs in, or null for a temporary one
   *     deleted at the end
   */
  record Options(
      long durationMs, long reportEveryMs, long phaseMs, Content content, @Nullable Path keep) {}

  @Option(
      names = "--minutes",
      paramLabel = "M",
      description = "Wall time of the soak after the warm-up, minutes (default: 10; decimals ok).")
  double minutes = DEFAULT_MINUTES;

  @Option(
      names = "--report-every",
      paramLabel = "S",
      description = "Seconds between samples during the soak (default: 30).")
  int reportEveryS = DEFAULT_REPORT_EVERY_S;

  @Option(
      names = "--phase-s",
      paramLabel = "S",
      description = "Seconds of each phase: VOD sessions, then a live session, ... (default: 60).")
  int phaseS = DEFAULT_PHASE_S;

  @Option(
      names = "--content",
      paramLabel = "soak|tiny",
      description =
          "soak: 24 s, 3 levels up to 480x270, 2-s fragments (default); tiny: 4 s, 2 levels,"
              + " 1-s fragments.")
  String content = "soak";

  @Option(
      names = "--keep",
      paramLabel = "DIR",
      description = "Keep every session log and origin request log in this folder.")
  @Nullable Path keep;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Options options = options();
    if (options.keep() != null) {
      BenchCommand.makeKeepFolder(spec.commandLine(), options.keep());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    return run(options, out, err, () -> {});
  }

  /** The options of the command line, checked. */
  Options options() {
    if (!(minutes > 0 && minutes <= MAX_MINUTES)) {
      throw usage("--minutes must be > 0 and <= " + (int) MAX_MINUTES + ", was " + minutes);
    }
    if (reportEveryS < MIN_REPORT_EVERY_S || reportEveryS > MAX_REPORT_EVERY_S) {
      throw usage(
          "--report-every must be "
              + MIN_REPORT_EVERY_S
              + ".."
              + MAX_REPORT_EVERY_S
              + " seconds, was "
              + reportEveryS);
    }
    if (phaseS < MIN_PHASE_S || phaseS > MAX_PHASE_S) {
      throw usage(
          "--phase-s must be " + MIN_PHASE_S + ".." + MAX_PHASE_S + " seconds, was " + phaseS);
    }
    Content chosen;
    try {
      chosen = Content.valueOf(content.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw usage("--content must be soak or tiny, was '" + content + "'");
    }
    return new Options(
        Math.round(minutes * 60_000), reportEveryS * 1000L, phaseS * 1000L, chosen, keep);
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  /**
   * Runs a soak and prints its report; {@code afterEachSession} runs after every soak session
   * closed (not the warm-up's): the seam through which a test makes a leak to be found.
   *
   * @return {@link #EXIT_FLAT} or {@link #EXIT_FAILED}
   */
  static int run(Options options, PrintWriter out, PrintWriter err, Runnable afterEachSession) {
    try {
      return new SoakRun(options, out, err, afterEachSession).run();
    } catch (SoakFailure e) {
      err.println("bench soak: " + e.getMessage());
      err.flush();
      return EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("bench soak: interrupted");
      err.flush();
      return EXIT_FAILED;
    }
  }
}
