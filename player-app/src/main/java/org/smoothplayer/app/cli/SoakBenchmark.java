package org.smoothplayer.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Pointer;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.engine.EngineOptions;
import org.smoothplayer.app.engine.PlaybackEngine;
import org.smoothplayer.app.engine.PlayerSnapshot;
import org.smoothplayer.app.engine.PlayerState;
import org.smoothplayer.app.engine.QualityChoice;
import org.smoothplayer.app.manifest.Chunk;
import org.smoothplayer.app.manifest.ChunkTimeline;
import org.smoothplayer.app.manifest.Manifest;
import org.smoothplayer.app.manifest.ManifestException;
import org.smoothplayer.app.manifest.ManifestParser;
import org.smoothplayer.app.manifest.StreamIndex;
import org.smoothplayer.app.manifest.StreamType;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionLog;
import org.smoothplayer.app.session.SessionLogReader;
import org.smoothplayer.app.session.SessionLogWriter;
import org.smoothplayer.app.session.SessionSummary;
import org.smoothplayer.assets.generate.GenerationException;
import org.smoothplayer.assets.generate.LevelSpec;
import org.smoothplayer.assets.generate.ManifestStyle;
import org.smoothplayer.assets.generate.PresentationSpec;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.generate.ProgressListener;
import org.smoothplayer.assets.origin.FaultRule;
import org.smoothplayer.assets.origin.LinkTrace;
import org.smoothplayer.assets.origin.LocalOrigin;
import org.smoothplayer.assets.origin.live.LiveOptions;
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
 * again) with a few injected faults on chosen fragments ({@link #faults}), its own {@link
 * SessionLogWriter} in a temporary folder, and follows the soak-wide {@link #schedule}: a quality
 * switch every {@value #SWITCH_EVERY_MS} ms (a forced level, then auto), VOD seeks, DVR seeks back
 * and returns to the live edge. After a warm-up ({@value #WARM_UP_PHASES} phases run exactly like
 * the soak's, so the allocator, the JIT and the heap reach their working size) and with no session
 * open, the process is sampled ({@link Sample}: RSS, heap used and committed after a full GC,
 * non-heap, direct buffers, JavaCPP-tracked native bytes, JVM and OS threads, open file
 * descriptors); again every {@code --report-every} seconds during the soak, and once more after the
 * last session closed. The start and end samples (both idle) are compared against {@link Bounds};
 * the last line is the verdict.
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

  /** A quality switch every this many ms of the soak: odd ones force a level, even ones auto. */
  static final long SWITCH_EVERY_MS = 20_000;

  /** First VOD seek this long into a VOD phase, then every {@link #VOD_SEEK_EVERY_MS}. */
  static final long VOD_SEEK_FIRST_MS = 10_000;

  static final long VOD_SEEK_EVERY_MS = 25_000;

  /** DVR seek back this long into a live phase, then every {@link #DVR_EVERY_MS}. */
  static final long DVR_BACK_FIRST_MS = 12_000;

  /** Back to the live edge this long into a live phase, then every {@link #DVR_EVERY_MS}. */
  static final long BACK_TO_LIVE_FIRST_MS = 24_000;

  static final long DVR_EVERY_MS = 30_000;

  /** How far behind the live edge a DVR seek goes. */
  static final long DVR_BACK_US = 15_000_000;

  /** The live broadcast: a small DVR window, enough media published to seek back into. */
  static final double LIVE_DVR_WINDOW_S = 30;

  static final double LIVE_START_OFFSET_S = 30;

  /** Capacity of the origin's link, Mbps (above the top level: switches are the soak's own). */
  static final double LINK_MBPS = 4;

  /** The warm-up runs this many phases (one VOD, one live), judged by nothing. */
  static final int WARM_UP_PHASES = 2;

  /** Pause after the last session closed before an idle sample (threads wind down). */
  static final long SETTLE_MS = 3_000;

  /** Pause between the two full GCs of a sample, for the Cleaner to free direct buffers. */
  static final long CLEANER_WAIT_MS = 500;

  /** The soak loop wakes this often to follow sessions and the schedule. */
  static final long TICK_MS = 100;

  /** After a failed session, the next opens this much later. */
  static final long FAILED_BACKOFF_MS = 1_000;

  /** A VOD session still open after twice its media plus this much is closed as hung. */
  static final long VOD_HANG_MARGIN_MS = 60_000;

  /** Queue capacity of each session's log writer. */
  static final int LOG_QUEUE_CAPACITY = SessionLogWriter.DEFAULT_QUEUE_CAPACITY;

  /** Exit code when everything stayed within its bound and every check passed. */
  static final int EXIT_FLAT = 0;

  /** Exit code when a bound was exceeded, a check failed or the soak could not run. */
  static final int EXIT_FAILED = 1;

  private static final long MIB = 1024 * 1024;

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
      return new Soak(options, out, err, afterEachSession).run();
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

  /** A failure that stops the soak before its verdict. */
  static final class SoakFailure extends Exception {
    private static final long serialVersionUID = 1L;

    SoakFailure(String message) {
      super(message);
    }
  }

  // ---------------------------------------------------------------- the schedule (pure)

  /** The two kinds of session and phase. */
  enum Kind {
    VOD,
    LIVE;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The phase at {@code elapsedMs} into the soak: VOD first, then live, alternating. */
  static Kind phaseAt(long elapsedMs, long phaseMs) {
    return (elapsedMs / phaseMs) % 2 == 0 ? Kind.VOD : Kind.LIVE;
  }

  /** What the soak does to the open session. */
  enum ActionType {
    /** Force one level ({@link Action#level()}). */
    FORCE_LEVEL,
    /** Back to automatic quality. */
    AUTO,
    /** VOD: seek to {@link Action#us()}. */
    VOD_SEEK,
    /** Live: seek {@link Action#us()} behind the live edge. */
    DVR_BACK,
    /** Live: back to the live edge. */
    BACK_TO_LIVE
  }

  /**
   * One scheduled action.
   *
   * @param atMs when, in ms since the soak started
   * @param type what
   * @param level the forced level (FORCE_LEVEL), else -1
   * @param us the seek target (VOD_SEEK) or the distance behind the edge (DVR_BACK), else 0
   */
  record Action(long atMs, ActionType type, int level, long us) {

    /** One line: {@code 20.0 s force level 0}, {@code 34.0 s vod seek to 9.600 s}, ... */
    String describe() {
      String when = String.format(Locale.ROOT, "%.1f s ", atMs / 1000.0);
      return when
          + switch (type) {
            case FORCE_LEVEL -> "force level " + level;
            case AUTO -> "auto quality";
            case VOD_SEEK -> String.format(Locale.ROOT, "vod seek to %.3f s", us / 1e6);
            case DVR_BACK ->
                String.format(Locale.ROOT, "dvr seek %.0f s behind the edge", us / 1e6);
            case BACK_TO_LIVE -> "back to live";
          };
    }
  }

  /**
   * Every action of a soak, in time order: quality switches every {@link #SWITCH_EVERY_MS} (odd
   * switches force level 0, 1, ... in turn, even ones return to auto); in each VOD phase a seek
   * {@link #VOD_SEEK_FIRST_MS} in and every {@link #VOD_SEEK_EVERY_MS} after, to 10..80 % of the
   * media; in each live phase a DVR seek {@link #DVR_BACK_US} behind the edge {@link
   * #DVR_BACK_FIRST_MS} in and a return to the edge {@link #BACK_TO_LIVE_FIRST_MS} in, repeating
   * every {@link #DVR_EVERY_MS}. Actions at the same time keep that order: quality first.
   */
  static List<Action> schedule(long durationMs, long phaseMs, int levelCount, long vodDurationUs) {
    if (durationMs <= 0 || phaseMs <= 0 || levelCount < 1 || vodDurationUs <= 0) {
      throw new IllegalArgumentException(
          "schedule: expected positive duration, phase, level count and media duration, got "
              + durationMs
              + " ms, "
              + phaseMs
              + " ms, "
              + levelCount
              + ", "
              + vodDurationUs
              + " us");
    }
    List<Action> actions = new ArrayList<>();
    for (long k = 1; k * SWITCH_EVERY_MS < durationMs; k++) {
      long at = k * SWITCH_EVERY_MS;
      if (k % 2 == 1) {
        actions.add(new Action(at, ActionType.FORCE_LEVEL, (int) ((k - 1) / 2 % levelCount), 0));
      } else {
        actions.add(new Action(at, ActionType.AUTO, -1, 0));
      }
    }
    for (long p = 0; p * phaseMs < durationMs; p++) {
      long start = p * phaseMs;
      long end = Math.min(durationMs, start + phaseMs);
      if (phaseAt(start, phaseMs) == Kind.VOD) {
        int j = 0;
        for (long at = start + VOD_SEEK_FIRST_MS; at < end; at += VOD_SEEK_EVERY_MS, j++) {
          long tenths = (p * 3 + j * 5L) % 8 + 1;
          long target = vodDurationUs / 10 * tenths / 1000 * 1000;
          actions.add(new Action(at, ActionType.VOD_SEEK, -1, target));
        }
      } else {
        for (long at = start + DVR_BACK_FIRST_MS; at < end; at += DVR_EVERY_MS) {
          actions.add(new Action(at, ActionType.DVR_BACK, -1, DVR_BACK_US));
        }
        for (long at = start + BACK_TO_LIVE_FIRST_MS; at < end; at += DVR_EVERY_MS) {
          actions.add(new Action(at, ActionType.BACK_TO_LIVE, -1, 0));
        }
      }
    }
    actions.sort(Comparator.comparingLong(Action::atMs).thenComparing(Action::type));
    return List.copyOf(actions);
  }

  // ---------------------------------------------------------------- faults (pure)

  /**
   * Fragment timing of one presentation, from its Manifest: what fault rules are aimed at.
   *
   * @param timescale ticks per second of the timestamps
   * @param loopTicks length of one pass (the live broadcast's loop period), ticks
   * @param videoStarts start of each video fragment, ticks
   * @param videoDurations duration of each video fragment, ticks
   * @param audioStarts start of each audio fragment, ticks (empty without audio)
   * @param audioDurations duration of each audio fragment, ticks
   */
  record FragmentTimes(
      long timescale,
      long loopTicks,
      List<Long> videoStarts,
      List<Long> videoDurations,
      List<Long> audioStarts,
      List<Long> audioDurations) {

    FragmentTimes {
      videoStarts = List.copyOf(videoStarts);
      videoDurations = List.copyOf(videoDurations);
      audioStarts = List.copyOf(audioStarts);
      audioDurations = List.copyOf(audioDurations);
      if (timescale <= 0 || loopTicks <= 0 || videoStarts.isEmpty()) {
        throw new IllegalArgumentException(
            "fragment times: expected a positive timescale and loop and video fragments");
      }
      if (videoStarts.size() != videoDurations.size()
          || audioStarts.size() != audioDurations.size()) {
        throw new IllegalArgumentException(
            "fragment times: expected one duration per start in each stream");
      }
    }

    /**
     * Reads the first video and audio stream of a VOD manifest. The loop period is the longest
     * stream end or the manifest duration, whichever is later (as the live origin loops).
     *
     * @throws IllegalArgumentException when the manifest has no video fragments
     */
    static FragmentTimes of(Manifest manifest) {
      List<StreamIndex> video = manifest.streams(StreamType.VIDEO);
      if (video.isEmpty() || video.get(0).timeline().chunkCount() == 0) {
        throw new IllegalArgumentException("the presentation has no video fragments");
      }
      long timescale = video.get(0).timeScale();
      List<Long> vs = new ArrayList<>();
      List<Long> vd = new ArrayList<>();
      long end = times(video.get(0).timeline(), vs, vd);
      List<Long> as = new ArrayList<>();
      List<Long> ad = new ArrayList<>();
      List<StreamIndex> audio = manifest.streams(StreamType.AUDIO);
      if (!audio.isEmpty() && audio.get(0).timeScale() == timescale) {
        end = Math.max(end, times(audio.get(0).timeline(), as, ad));
      }
      long durationTicks = manifest.durationUs() * timescale / 1_000_000;
      return new FragmentTimes(timescale, Math.max(end, durationTicks), vs, vd, as, ad);
    }

    private static long times(ChunkTimeline timeline, List<Long> starts, List<Long> durations) {
      long end = 0;
      for (int i = 0; i < timeline.chunkCount(); i++) {
        Chunk c = timeline.chunk(i);
        starts.add(c.startTicks());
        durations.add(c.durationTicks());
        end = Math.max(end, c.startTicks() + c.durationTicks());
      }
      return end;
    }
  }

  /** The fault kinds in the order sessions take them: {@code KIND@N} of the rule grammar. */
  static final List<String> FAULT_KINDS =
      List.of("500@2", "reset@1", "stall:2@1", "truncate@1", "404@1", "503@1");

  /** Live fragments between two faulted video fragments. */
  static final int LIVE_FAULT_STRIDE = 5;

  /**
   * The fault rules of session {@code sessionIndex}: three video fragments and one audio fragment,
   * each with the next kinds of {@link #FAULT_KINDS} in turn (rotating with the session), and the
   * Manifest's first request (503 for even sessions, 500 for odd). VOD: fragments spread over the
   * presentation, shifted by the session index. Live: fragments just after the publish edge at
   * start, {@link #LIVE_FAULT_STRIDE} apart, addressed by their public live timestamps.
   */
  static List<FaultRule> faults(
      Kind kind, int sessionIndex, FragmentTimes times, LiveOptions live) {
    List<FaultRule> rules = new ArrayList<>();
    int s = Math.floorMod(sessionIndex, FAULT_KINDS.size());
    int n = times.videoStarts().size();
    for (int m = 0; m < 3; m++) {
      String k = FAULT_KINDS.get((s + m) % FAULT_KINDS.size());
      long ticks =
          kind == Kind.VOD
              ? times.videoStarts().get((1 + s + m * Math.max(1, n / 3)) % n)
              : livePublicTicks(
                  times,
                  times.videoStarts(),
                  liveEdgeIndex(times, times.videoStarts(), times.videoDurations(), live)
                      + 2
                      + s % 3
                      + (long) m * LIVE_FAULT_STRIDE,
                  live);
      rules.add(FaultRule.parse("Fragments(video=" + ticks + ")=" + k));
    }
    if (!times.audioStarts().isEmpty()) {
      int na = times.audioStarts().size();
      String k = FAULT_KINDS.get((s + 3) % FAULT_KINDS.size());
      long ticks =
          kind == Kind.VOD
              ? times.audioStarts().get((1 + s + na / 2) % na)
              : livePublicTicks(
                  times,
                  times.audioStarts(),
                  liveEdgeIndex(times, times.audioStarts(), times.audioDurations(), live)
                      + 4
                      + s % 3,
                  live);
      rules.add(FaultRule.parse("Fragments(audio=" + ticks + ")=" + k));
    }
    rules.add(FaultRule.parse("Manifest=" + (sessionIndex % 2 == 0 ? "503@1" : "500@1")));
    return List.copyOf(rules);
  }

  /**
   * The public timestamp of global fragment {@code g} of a live broadcast of this presentation: the
   * timestamp offset, plus whole loops, plus the fragment's own start.
   */
  static long livePublicTicks(FragmentTimes times, List<Long> starts, long g, LiveOptions live) {
    int n = starts.size();
    long offset = Math.round(live.timestampOffsetS() * times.timescale());
    return offset + (g / n) * times.loopTicks() + starts.get((int) (g % n));
  }

  /** How many fragments of a stream (counting loops) are published when a broadcast starts. */
  static long liveEdgeIndex(
      FragmentTimes times, List<Long> starts, List<Long> durations, LiveOptions live) {
    long edge = Math.round(live.startOffsetS() * times.timescale());
    int n = starts.size();
    long loops = edge / times.loopTicks();
    long g = loops * n;
    long inLoop = edge - loops * times.loopTicks();
    for (int i = 0; i < n && starts.get(i) + durations.get(i) <= inLoop; i++) {
      g++;
    }
    return g;
  }

  // ---------------------------------------------------------------- samples and checks (pure)

  /**
   * One measurement of the process; -1 for what this system cannot tell.
   *
   * @param label when: {@code start}, {@code end} or the seconds into the soak
   * @param sessions soak sessions closed so far
   * @param open the kind of the session open while sampling, {@code -} when none
   * @param rssKb resident set ({@code VmRSS})
   * @param heapUsedBytes heap used after two {@code System.gc()} {@value #CLEANER_WAIT_MS} ms apart
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
   * @param bound largest growth that passes
   * @param decimals decimals to print
   */
  record Check(String metric, double before, double after, double bound, int decimals) {

    boolean measured() {
      return before >= 0 && after >= 0;
    }

    double change() {
      return after - before;
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

  /** Start against end, one check per metric. */
  static List<Check> checks(Sample before, Sample after, Bounds bounds) {
    return List.of(
        new Check(
            "RSS, MiB", mib(before.rssKb() * 1024), mib(after.rssKb() * 1024), bounds.rssMib(), 1),
        new Check(
            "heap used after GC, MiB",
            mib(before.heapUsedBytes()),
            mib(after.heapUsedBytes()),
            bounds.heapMib(),
            1),
        new Check(
            "direct buffers, MiB",
            mib(before.directBytes()),
            mib(after.directBytes()),
            bounds.directMib(),
            1),
        new Check(
            "JavaCPP native, MiB",
            mib(before.javacppBytes()),
            mib(after.javacppBytes()),
            bounds.javacppMib(),
            1),
        new Check("JVM threads", before.jvmThreads(), after.jvmThreads(), bounds.jvmThreads(), 0),
        new Check("OS threads", before.osThreads(), after.osThreads(), bounds.osThreads(), 0),
        new Check("open fds", before.fds(), after.fds(), bounds.fds(), 0));
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

  /**
   * Names counted by their shape: every run of digits becomes {@code N} ({@code
   * origin-40123-conn-7} and {@code origin-40999-conn-2} are both {@code origin-N-conn-N}).
   */
  static Map<String, Integer> shapes(Collection<String> names) {
    Map<String, Integer> counts = new TreeMap<>();
    for (String name : names) {
      counts.merge(name.replaceAll("[0-9]+", "N"), 1, Integer::sum);
    }
    return counts;
  }

  /** What changed between two shape counts: {@code +3 soak-leak-N}, {@code -1 x}; sorted. */
  static List<String> shapeDiff(Map<String, Integer> before, Map<String, Integer> after) {
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    List<String> changes = new ArrayList<>();
    for (String key : keys) {
      int d = after.getOrDefault(key, 0) - before.getOrDefault(key, 0);
      if (d != 0) {
        changes.add((d > 0 ? "+" : "") + d + " " + key);
      }
    }
    return changes;
  }

  // ---------------------------------------------------------------- session logs

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

  // ---------------------------------------------------------------- the soak

  /**
   * One closed session.
   *
   * @param index its number, from 0 (the warm-up's first)
   * @param kind VOD or live
   * @param warmUp whether it ran in the warm-up (not judged)
   * @param openMs how long it was open
   * @param log its log, read back
   * @param faults faults the origin applied, by kind
   * @param problems everything wrong with it (log, writer, failure, hang)
   */
  record SessionResult(
      int index,
      Kind kind,
      boolean warmUp,
      long openMs,
      LogCheck log,
      Map<String, Integer> faults,
      List<String> problems) {

    SessionResult {
      faults = Map.copyOf(faults);
      problems = List.copyOf(problems);
    }

    /** One progress line. */
    String describe() {
      return String.format(
          Locale.ROOT,
          "session %d %s: %s after %.1f s, played %.1f s, %d events, %d stalls, faults injected"
              + " %s, fragment failures logged %d%s",
          index,
          kind.label(),
          log.endReason(),
          openMs / 1000.0,
          log.playedS(),
          log.events(),
          log.stalls(),
          faults.isEmpty() ? "none" : new TreeMap<>(faults).toString(),
          log.fragmentFailures(),
          problems.isEmpty() ? "" : "; PROBLEMS: " + String.join("; ", problems));
    }
  }

  /** The state of one soak run; lives on the calling thread only. */
  private static final class Soak {
    private final Options options;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Runnable afterEachSession;
    private final LiveOptions liveOptions =
        LiveOptions.defaults()
            .withEndless(true)
            .withDvrWindowS(LIVE_DVR_WINDOW_S)
            .withStartOffsetS(LIVE_START_OFFSET_S);

    private @Nullable Path folder;
    private @Nullable FragmentTimes times;
    private @Nullable Path work;
    private int levelCount;
    private long vodDurationUs;
    private int nextIndex;
    private QualityChoice quality = QualityChoice.auto();
    private final List<SessionResult> results = new ArrayList<>();
    private final EnumMap<ActionType, Integer> applied = new EnumMap<>(ActionType.class);
    private final List<Point> rssSecondHalf = new ArrayList<>();
    private int skipped;

    Soak(Options options, PrintWriter out, PrintWriter err, Runnable afterEachSession) {
      this.options = options;
      this.out = out;
      this.err = err;
      this.afterEachSession = afterEachSession;
    }

    int run() throws SoakFailure, InterruptedException {
      prepare();
      try {
        return soak();
      } finally {
        if (options.keep() == null && work != null) {
          BenchSupport.deleteQuietly(work);
        }
      }
    }

    private void prepare() throws SoakFailure {
      PresentationSpec content = options.content().spec;
      err.println("bench soak: preparing " + content.name() + " (generated once, then cached)...");
      err.flush();
      try {
        folder = Presentations.cached(content, ProgressListener.printingTo(System.err));
      } catch (GenerationException | UncheckedIOException e) {
        throw new SoakFailure("cannot generate the content: " + e.getMessage());
      }
      Manifest manifest;
      try {
        manifest = new ManifestParser().parse(folder.resolve("Manifest"));
      } catch (ManifestException e) {
        throw new SoakFailure("cannot read the content's Manifest: " + e.getMessage());
      }
      times = FragmentTimes.of(manifest);
      levelCount = manifest.streams(StreamType.VIDEO).get(0).qualityLevels().size();
      vodDurationUs = manifest.durationUs();
      try {
        Path keep = options.keep();
        if (keep != null) {
          Files.createDirectories(keep);
          work = keep;
        } else {
          work = Files.createTempDirectory("smooth-player-soak-");
        }
      } catch (IOException e) {
        throw new SoakFailure("cannot create the folder for the session logs: " + e.getMessage());
      }
    }

    private int soak() throws SoakFailure, InterruptedException {
      PresentationSpec content = options.content().spec;
      out.println(
          String.format(
              Locale.ROOT,
              "bench soak: %.1f min of sessions after a %d-s warm-up, phases of %d s (vod, live,"
                  + " ...), a sample every %d s",
              options.durationMs() / 60_000.0,
              WARM_UP_PHASES * options.phaseMs() / 1000,
              options.phaseMs() / 1000,
              options.reportEveryMs() / 1000));
      out.println(
          "content "
              + content.name()
              + ": "
              + content.durationMs() / 1000
              + " s, "
              + levelCount
              + " video levels, "
              + content.fragmentDurationMs()
              + "-ms fragments"
              + (content.audio() ? ", audio" : "")
              + "; link "
              + LINK_MBPS
              + " Mbps; live: "
              + liveOptions.describe());
      out.println(
          "date "
              + LocalDate.now()
              + ", java "
              + System.getProperty("java.version")
              + ", "
              + Runtime.getRuntime().availableProcessors()
              + " cores, max heap "
              + Runtime.getRuntime().maxMemory() / MIB
              + " MiB, load average at start: "
              + BenchSupport.loadAverage());
      out.println("session logs and request logs in " + work);
      out.flush();

      // Warm-up: one VOD phase and one live phase exactly like the soak's; not judged.
      err.println(
          "bench soak: warm-up, " + WARM_UP_PHASES * options.phaseMs() / 1000 + " s (not judged)");
      err.flush();
      runPhases(WARM_UP_PHASES * options.phaseMs(), true);
      applied.clear();
      skipped = 0;

      Thread.sleep(SETTLE_MS);
      Sample start = sample("start", null);
      Map<String, Integer> threadsAtStart = shapes(threadNames());
      Map<String, Integer> fdsAtStart = shapes(fdTargets());
      out.println();
      out.println(SAMPLE_HEADER);
      out.println(SAMPLE_RULE);
      out.println(sampleRow(start));
      out.flush();

      runPhases(options.durationMs(), false);

      Thread.sleep(SETTLE_MS);
      Sample end = sample("end", null);
      Map<String, Integer> threadsAtEnd = shapes(threadNames());
      Map<String, Integer> fdsAtEnd = shapes(fdTargets());
      out.println(sampleRow(end));
      out.println();
      return report(start, end, threadsAtStart, threadsAtEnd, fdsAtStart, fdsAtEnd);
    }

    /**
     * Runs sessions for {@code durationMs}: VOD and live phases, the {@link #schedule}'s actions,
     * and (unless warming up) a sample every {@code --report-every}.
     */
    private void runPhases(long durationMs, boolean warmUp)
        throws SoakFailure, InterruptedException {
      List<Action> plan = schedule(durationMs, options.phaseMs(), levelCount, vodDurationUs);
      long vodLimitMs = vodDurationUs / 1000 * 2 + VOD_HANG_MARGIN_MS;
      quality = QualityChoice.auto();
      int nextAction = 0;
      long nextSampleMs = options.reportEveryMs();
      long openAgainAtMs = 0;
      long t0 = System.nanoTime();
      OpenSession current = null;
      while (true) {
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        if (elapsedMs >= durationMs) {
          break;
        }
        Kind phase = phaseAt(elapsedMs, options.phaseMs());
        if (current != null) {
          PlayerState state = current.engine.snapshot().state();
          boolean over =
              state == PlayerState.ENDED
                  || state == PlayerState.FAILED
                  || state == PlayerState.CLOSED;
          boolean hung = current.kind == Kind.VOD && current.ageMs() >= vodLimitMs;
          if (over || hung || current.kind != phase) {
            closed(finish(current, hung, warmUp));
            current = null;
            if (state == PlayerState.FAILED) {
              openAgainAtMs = elapsedMs + FAILED_BACKOFF_MS;
            }
          }
        }
        if (current == null && elapsedMs >= openAgainAtMs) {
          current = open(phase);
        }
        while (nextAction < plan.size() && plan.get(nextAction).atMs() <= elapsedMs) {
          apply(plan.get(nextAction++), current);
        }
        if (!warmUp && elapsedMs >= nextSampleMs) {
          Sample s = sample(Long.toString(nextSampleMs / 1000) + " s", current);
          if (s.rssKb() >= 0 && nextSampleMs * 2 >= durationMs) {
            rssSecondHalf.add(new Point(nextSampleMs / 60_000.0, s.rssKb() / 1024.0));
          }
          out.println(sampleRow(s));
          out.flush();
          nextSampleMs += options.reportEveryMs();
        }
        Thread.sleep(TICK_MS);
      }
      if (current != null) {
        closed(finish(current, false, warmUp));
      }
    }

    private int report(
        Sample start,
        Sample end,
        Map<String, Integer> threadsAtStart,
        Map<String, Integer> threadsAtEnd,
        Map<String, Integer> fdsAtStart,
        Map<String, Integer> fdsAtEnd) {
      List<SessionResult> judged = results.stream().filter(r -> !r.warmUp()).toList();
      long vods = judged.stream().filter(r -> r.kind() == Kind.VOD).count();
      Map<String, Integer> endReasons = new TreeMap<>();
      Map<String, Integer> faults = new TreeMap<>();
      int failures = 0;
      int stalls = 0;
      int events = 0;
      double playedS = 0;
      for (SessionResult r : results) {
        endReasons.merge(r.log().endReason(), 1, Integer::sum);
        r.faults().forEach((k, v) -> faults.merge(k, v, Integer::sum));
        failures += r.log().fragmentFailures();
        stalls += r.log().stalls();
        events += r.log().events();
        playedS += r.log().playedS();
      }
      out.println(
          String.format(
              Locale.ROOT,
              "sessions: %d judged (vod %d, live %d) + %d warm-up; end reasons %s; media played"
                  + " %.0f s; stalls %d",
              judged.size(),
              vods,
              judged.size() - vods,
              results.size() - judged.size(),
              endReasons,
              playedS,
              stalls));
      out.println(
          "faults injected by the origins: "
              + faults.values().stream().mapToInt(Integer::intValue).sum()
              + " "
              + faults
              + "; fragment failures logged: "
              + failures);
      StringJoiner acts = new StringJoiner(", ");
      for (ActionType type : ActionType.values()) {
        acts.add(type.name().toLowerCase(Locale.ROOT) + " " + applied.getOrDefault(type, 0));
      }
      out.println("actions applied: " + acts + "; skipped (no fitting session open) " + skipped);
      List<String> problems = new ArrayList<>();
      for (SessionResult r : results) {
        r.problems()
            .forEach(p -> problems.add("session " + r.index() + " " + r.kind().label() + ": " + p));
      }
      if (problems.isEmpty()) {
        out.println(
            "session logs: "
                + results.size()
                + " read back ("
                + events
                + " events); each starts with session_started, ends with its one session_ended,"
                + " folds into a summary; no event dropped");
      } else {
        problems.forEach(p -> out.println("PROBLEM: " + p));
      }
      List<String> threadDiff = shapeDiff(threadsAtStart, threadsAtEnd);
      out.println("JVM threads, end vs start: " + (threadDiff.isEmpty() ? "same" : threadDiff));
      List<String> fdDiff = shapeDiff(fdsAtStart, fdsAtEnd);
      out.println("open fds, end vs start: " + (fdDiff.isEmpty() ? "same" : fdDiff));
      List<Check> checks = checks(start, end, Bounds.DEFAULT);
      if (checks.stream().anyMatch(Check::exceeded)) {
        threadStacks(threadsAtStart).forEach(out::println);
      }
      double slope = slopePerMinute(rssSecondHalf);
      out.println(
          Double.isNaN(slope)
              ? "RSS trend, second half of the soak: too few samples"
              : String.format(
                  Locale.ROOT,
                  "RSS trend, second half of the soak: %+.2f MiB/min (least squares over %d"
                      + " in-session samples; informational)",
                  slope,
                  rssSecondHalf.size()));
      out.println("load average at end: " + BenchSupport.loadAverage());
      out.println();
      checkTable(checks).forEach(out::println);
      out.println();
      out.println(verdict(checks, problems));
      out.flush();
      return checks.stream().anyMatch(Check::exceeded) || !problems.isEmpty()
          ? EXIT_FAILED
          : EXIT_FLAT;
    }

    private void closed(SessionResult r) {
      err.println((r.warmUp() ? "warm-up " : "") + r.describe());
      err.flush();
      if (!r.warmUp()) {
        afterEachSession.run();
      }
    }

    private void apply(Action action, @Nullable OpenSession s) {
      switch (action.type()) {
        case FORCE_LEVEL, AUTO -> {
          quality =
              action.type() == ActionType.AUTO
                  ? QualityChoice.auto()
                  : QualityChoice.level(Math.min(action.level(), levelCount - 1));
          if (s != null) {
            s.engine.setQuality(quality);
          }
          count(action.type());
        }
        case VOD_SEEK -> {
          if (s != null && s.kind == Kind.VOD && playing(s)) {
            s.engine.seek(action.us());
            count(action.type());
          } else {
            skipped++;
          }
        }
        case DVR_BACK -> {
          PlayerSnapshot snap = s == null ? null : s.engine.snapshot();
          if (s != null && s.kind == Kind.LIVE && snap != null && playing(s) && snap.live()) {
            s.engine.seek(Math.max(snap.seekableStartUs(), snap.seekableEndUs() - action.us()));
            count(action.type());
          } else {
            skipped++;
          }
        }
        case BACK_TO_LIVE -> {
          if (s != null && s.kind == Kind.LIVE && playing(s)) {
            s.engine.seekToLive();
            count(action.type());
          } else {
            skipped++;
          }
        }
      }
    }

    private static boolean playing(OpenSession s) {
      PlayerState state = s.engine.snapshot().state();
      return state == PlayerState.PLAYING
          || state == PlayerState.BUFFERING
          || state == PlayerState.PAUSED;
    }

    private void count(ActionType type) {
      applied.merge(type, 1, Integer::sum);
    }

    private OpenSession open(Kind kind) throws SoakFailure {
      int index = nextIndex++;
      Path dir = Objects.requireNonNull(work);
      Path logFile =
          dir.resolve(String.format(Locale.ROOT, "session-%04d-%s.jsonl", index, kind.label()));
      Path requestLog =
          dir.resolve(String.format(Locale.ROOT, "origin-%04d-%s.jsonl", index, kind.label()));
      LocalOrigin.Builder builder =
          LocalOrigin.builder(Objects.requireNonNull(folder))
              .linkTrace(LinkTrace.constant(LINK_MBPS))
              .faults(faults(kind, index, Objects.requireNonNull(times), liveOptions))
              .requestLog(requestLog);
      if (kind == Kind.LIVE) {
        builder.live(liveOptions);
      }
      LocalOrigin origin;
      try {
        origin = builder.start();
      } catch (IOException | RuntimeException e) {
        throw new SoakFailure("cannot start the origin for session " + index + ": " + e);
      }
      SessionLogWriter writer;
      try {
        writer = SessionLogWriter.open(logFile, LOG_QUEUE_CAPACITY);
      } catch (IOException e) {
        origin.close();
        throw new SoakFailure("cannot open the session log " + logFile + ": " + e.getMessage());
      }
      PlaybackEngine engine =
          PlaybackEngine.open(
              EngineOptions.of(origin.baseUri().resolve("Manifest").toString())
                  .headless()
                  .silent()
                  .withQuality(quality)
                  .withSink(writer));
      return new OpenSession(index, kind, origin, writer, engine, logFile, requestLog);
    }

    /** Closes the engine, the origin and the log, reads the log back and counts the faults. */
    private SessionResult finish(OpenSession s, boolean hung, boolean warmUp) {
      PlayerSnapshot last = s.engine.snapshot();
      long openMs = s.ageMs();
      s.engine.close();
      s.origin.close();
      s.writer.close();
      List<String> problems = new ArrayList<>();
      if (hung) {
        problems.add("neither ended nor failed within " + openMs + " ms; closed");
      }
      if (last.state() == PlayerState.FAILED) {
        problems.add("failed: " + last.error().orElse("(no message)"));
      }
      if (s.writer.droppedEvents() > 0) {
        problems.add("the log writer dropped " + s.writer.droppedEvents() + " events");
      }
      s.writer.failure().ifPresent(e -> problems.add("the log writer failed: " + e));
      LogCheck log = checkLog(s.logFile);
      log.problems()
          .forEach(p -> problems.add("session log " + s.logFile.getFileName() + ": " + p));
      Map<String, Integer> faults;
      try {
        faults = faultsInRequestLog(s.requestLog);
      } catch (IOException | RuntimeException e) {
        faults = Map.of();
        problems.add("the origin's request log cannot be read: " + e.getMessage());
      }
      SessionResult r = new SessionResult(s.index, s.kind, warmUp, openMs, log, faults, problems);
      results.add(r);
      return r;
    }

    /** A sample; runs a full GC first. */
    private Sample sample(String label, @Nullable OpenSession open) throws InterruptedException {
      // A direct buffer found unreachable by a GC is freed afterwards by the Cleaner thread: give
      // it time, then collect again, so only reachable buffers are counted.
      System.gc();
      Thread.sleep(CLEANER_WAIT_MS);
      System.gc();
      MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
      long direct = -1;
      long directCount = -1;
      for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
        if (pool.getName().equals("direct")) {
          direct = pool.getMemoryUsed();
          directCount = pool.getCount();
        }
      }
      long rssKb;
      try {
        rssKb = BenchSupport.statusKb(Files.readString(Path.of("/proc/self/status")), "VmRSS");
      } catch (IOException | IllegalArgumentException e) {
        rssKb = -1;
      }
      return new Sample(
          label,
          (int) results.stream().filter(r -> !r.warmUp()).count(),
          open == null ? "-" : open.kind.label(),
          rssKb,
          heap.getUsed(),
          heap.getCommitted(),
          nonHeap.getCommitted(),
          direct,
          directCount,
          Pointer.totalBytes(),
          ManagementFactory.getThreadMXBean().getThreadCount(),
          countEntries(Path.of("/proc/self/task")),
          countEntries(Path.of("/proc/self/fd")));
    }

    /** For each thread shape that grew, the top frames of one such thread (where it waits). */
    private static List<String> threadStacks(Map<String, Integer> atStart) {
      Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
      Map<String, Integer> now = shapes(all.keySet().stream().map(Thread::getName).toList());
      List<String> lines = new ArrayList<>();
      for (Map.Entry<String, Integer> e : now.entrySet()) {
        if (e.getValue() <= atStart.getOrDefault(e.getKey(), 0)) {
          continue;
        }
        for (Map.Entry<Thread, StackTraceElement[]> t : all.entrySet()) {
          if (t.getKey().getName().replaceAll("[0-9]+", "N").equals(e.getKey())) {
            StringJoiner frames = new StringJoiner(" < ");
            StackTraceElement[] stack = t.getValue();
            for (int i = 0; i < Math.min(4, stack.length); i++) {
              frames.add(stack[i].toString());
            }
            lines.add(
                "  grew: "
                    + e.getKey()
                    + " (daemon "
                    + t.getKey().isDaemon()
                    + ", "
                    + t.getKey().getState()
                    + "): "
                    + frames);
            break;
          }
        }
      }
      return lines;
    }
  }

  /** One open session and what it owns. */
  private static final class OpenSession {
    final int index;
    final Kind kind;
    final LocalOrigin origin;
    final SessionLogWriter writer;
    final PlaybackEngine engine;
    final Path logFile;
    final Path requestLog;
    final long openedNs = System.nanoTime();

    OpenSession(
        int index,
        Kind kind,
        LocalOrigin origin,
        SessionLogWriter writer,
        PlaybackEngine engine,
        Path logFile,
        Path requestLog) {
      this.index = index;
      this.kind = kind;
      this.origin = origin;
      this.writer = writer;
      this.engine = engine;
      this.logFile = logFile;
      this.requestLog = requestLog;
    }

    long ageMs() {
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - openedNs);
    }
  }

  // ---------------------------------------------------------------- the process

  /** Names of the live JVM threads. */
  static List<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
  }

  /** What each open file descriptor points at ({@code socket:[N]}, a path, ...). */
  static List<String> fdTargets() {
    List<String> targets = new ArrayList<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          targets.add(Files.readSymbolicLink(fd).toString());
        } catch (IOException e) {
          // closed while listing (the listing's own descriptor): not open any more
        }
      }
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
    return targets;
  }

  private static int countEntries(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return (int) entries.count();
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }
}
