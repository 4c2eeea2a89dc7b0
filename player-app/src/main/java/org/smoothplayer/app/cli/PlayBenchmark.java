package org.smoothplayer.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.io.IoErrors;
import org.smoothplayer.app.manifest.Manifest;
import org.smoothplayer.app.manifest.ManifestException;
import org.smoothplayer.app.manifest.ManifestParser;
import org.smoothplayer.app.manifest.QualityLevel;
import org.smoothplayer.app.manifest.StreamIndex;
import org.smoothplayer.app.manifest.StreamType;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionLogReader;
import org.smoothplayer.app.session.SessionSummary;
import org.smoothplayer.assets.generate.GenerationException;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.generate.ProgressListener;
import org.smoothplayer.assets.origin.LocalOrigin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code smooth-player bench play}: the whole player, headless, next to GStreamer's {@code
 * gst-launch-1.0 playbin} playing the same presentation at the same video level from the same
 * loopback origin, both with sinks that time frames against the clock without showing them.
 *
 * <p>Per repetition it runs, one after the other, our player as a child JVM ({@code Main URL
 * --headless --no-audio-device --quality INDEX --duration S}) and {@code gst-launch-1.0} (stopped
 * with SIGINT S seconds after its pipeline reached PLAYING), and measures each process from here:
 * wall time, CPU time of the whole process (utime + stime of {@code /proc/PID/stat}, which covers
 * every thread, sampled every {@value #SAMPLE_INTERVAL_MS} ms until exit), peak RSS ({@code VmHWM}
 * of {@code /proc/PID/status}) and the time to the first frame. The origin's request log shows
 * which video level each process fetched. The report gives medians and ratios; its last line is
 * {@code cpu ratio: X.XX} (ours / GStreamer, CPU seconds per minute of media played).
 */
@Command(
    name = "play",
    mixinStandardHelpOptions = true,
    description = {
      "The player (headless, child JVM) next to GStreamer's gst-launch-1.0 playbin on the same"
          + " presentation, level and loopback origin: wall time, CPU, peak RSS and time to the"
          + " first frame, medians and ratios; the last line is 'cpu ratio: X.XX'.",
      "Needs gst-launch-1.0 with the mssdemux (plugins-bad) and avdec_h264 (libav) elements.",
      "Exit codes: 0 measured, 1 failed or a check failed (message on stderr), 2 usage error."
    })
public final class PlayBenchmark implements Callable<Integer> {

  /** Media played per run, in seconds, by default. */
  public static final int DEFAULT_DURATION_S = 60;

  /** Shortest and longest accepted {@code --duration-s}. */
  static final int MIN_DURATION_S = 2;

  static final int MAX_DURATION_S = 3600;

  /** Runs of each player by default (median reported). */
  public static final int DEFAULT_REPETITIONS = 3;

  /** Most accepted {@code --repetitions}. */
  static final int MAX_REPETITIONS = 50;

  /** The GStreamer executable by default (looked up on the PATH). */
  public static final String DEFAULT_GST = "gst-launch-1.0";

  /** The {@code --level} value that picks the highest-bitrate video level. */
  public static final String TOP_LEVEL = "top";

  /** GStreamer's video sink by default: takes the decoder's frames at their time, shows nothing. */
  public static final String DEFAULT_GST_VIDEO_SINK = "fakesink sync=true";

  /** GStreamer's audio sink: same, for audio. */
  static final String GST_AUDIO_SINK = "fakesink sync=true";

  /** How often {@code /proc/PID/stat} and {@code /proc/PID/status} are read, in ms. */
  static final long SAMPLE_INTERVAL_MS = 50;

  /** Time beyond the played duration after which a process counts as hung and is killed, in s. */
  static final long HANG_MARGIN_S = 120;

  /** How long gst-launch may take to stop after SIGINT before it is terminated, in ms. */
  static final long STOP_GRACE_MS = 10_000;

  /** GStreamer's {@code connection-speed} for the top level: this many times its bitrate. */
  static final long TOP_LEVEL_SPEED_FACTOR = 2;

  /** GStreamer log categories read for the PLAYING and preroll moments (little output). */
  static final String GST_DEBUG_SPEC = "GST_STATES:4";

  /** Linux's USER_HZ, the unit of utime/stime, when {@code getconf CLK_TCK} cannot tell. */
  static final long DEFAULT_CLOCK_TICKS_PER_S = 100;

  /** First and last lines of a child's output kept for error messages. */
  static final int HEAD_LINES = 6;

  static final int TAIL_LINES = 12;

  /** Exit code of a completed measurement whose checks passed. */
  static final int EXIT_MEASURED = 0;

  /** Exit code of a failed run or a failed check. */
  static final int EXIT_FAILED = 1;

  /** Name of our player in the report. */
  static final String OURS = "ours";

  /** Name of GStreamer in the report. */
  static final String GSTREAMER = "GStreamer";

  /**
   * The GST_DEBUG line of the moment playsink's video bin completed its preroll: its sink holds the
   * first decoded frame. Group 1 is GStreamer's timestamp (time since {@code gst_init}).
   */
  static final Pattern GST_VIDEO_PREROLLED =
      Pattern.compile(
          "^\\s*(\\d+:\\d{2}:\\d{2}\\.\\d{1,9})\\s.*bin_handle_async_done:<vbin> committing state"
              + " from READY to PAUSED");

  /** The GST_DEBUG line of the moment the pipeline reached PLAYING. */
  static final Pattern GST_PLAYING =
      Pattern.compile("<playbin\\d*> completed state change to PLAYING");

  /** What gst-launch prints when it pauses the pipeline to buffer again (a stall). */
  static final String GST_BUFFERING_PAUSE = "Buffering, setting pipeline to PAUSED";

  /** The start of a GST_DEBUG line: its timestamp. */
  private static final Pattern GST_DEBUG_LINE = Pattern.compile("\\d+:\\d{2}:\\d{2}\\.\\d+\\s");

  private static final Pattern GST_TIMESTAMP =
      Pattern.compile("(\\d+):(\\d{2}):(\\d{2})\\.(\\d{1,9})");

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--presentation",
      paramLabel = "DIR",
      description =
          "Presentation folder holding a Manifest (default: the built-in 60-s sample, generated"
              + " once and cached).")
  @Nullable Path presentation;

  @Option(
      names = "--duration-s",
      paramLabel = "S",
      description = "Seconds of media each run plays (default: 60).")
  int durationS = DEFAULT_DURATION_S;

  @Option(
      names = "--repetitions",
      paramLabel = "N",
      description = "Runs of each player, interleaved, median reported (default: 3).")
  int repetitions = DEFAULT_REPETITIONS;

  @Option(
      names = "--gst",
      paramLabel = "PATH",
      description = "The gst-launch-1.0 executable (default: gst-launch-1.0 on the PATH).")
  String gst = DEFAULT_GST;

  @Option(
      names = "--level",
      paramLabel = "top|INDEX",
      description =
          "Video level both players play: top (highest bitrate, default) or an index, 0 = lowest.")
  String level = TOP_LEVEL;

  @Option(
      names = "--gst-video-sink",
      paramLabel = "DESC",
      description =
          "GStreamer's video sink, a gst-launch description (default: 'fakesink sync=true'); e.g."
              + " 'videoconvert ! video/x-raw,format=BGRA ! fakesink sync=true' makes GStreamer"
              + " convert to BGRA as our player does.")
  String gstVideoSink = DEFAULT_GST_VIDEO_SINK;

  @Option(
      names = "--keep",
      paramLabel = "DIR",
      description =
          "Keep the per-run files (our summaries and session logs, the origin's request log) in"
              + " DIR instead of a temporary folder.")
  @Nullable Path keep;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * The validated options.
   *
   * @param presentation the presentation folder, or null for the built-in sample
   * @param durationS media seconds each run plays
   * @param repetitions runs of each player
   * @param gst the gst-launch-1.0 executable
   * @param levelIndex the video level index (0 = lowest), or -1 for the top level
   * @param gstVideoSink GStreamer's video sink description
   * @param keep the folder for the per-run files, or null for a temporary one (deleted)
   */
  record Options(
      @Nullable Path presentation,
      int durationS,
      int repetitions,
      String gst,
      int levelIndex,
      String gstVideoSink,
      @Nullable Path keep) {}

  /**
   * One measured run of one player.
   *
   * @param player {@value #OURS} or {@value #GSTREAMER}
   * @param repetition 1-based repetition number
   * @param wallS launch to exit, in seconds
   * @param cpuS user + system CPU time of the whole process (all threads), in seconds
   * @param peakRssKb VmHWM, in KiB
   * @param firstFrameFromLaunchMs launch to the first frame, in ms
   * @param firstFrameFromStartMs ours: session start to first frame; GStreamer: gst_init to its
   *     video preroll; in ms
   * @param playedS media seconds played
   * @param videoFragmentsByBitrate video fragment requests the origin saw, by level bitrate (bps)
   * @param renderedFrames frames shown (ours), -1 when not reported
   * @param droppedFrames frames dropped (ours), -1 when not reported
   * @param stalls stalls (ours: the session's; GStreamer: re-buffering pauses after PLAYING)
   */
  record Run(
      String player,
      int repetition,
      double wallS,
      double cpuS,
      long peakRssKb,
      double firstFrameFromLaunchMs,
      double firstFrameFromStartMs,
      double playedS,
      Map<Long, Integer> videoFragmentsByBitrate,
      long renderedFrames,
      long droppedFrames,
      int stalls) {
    Run {
      videoFragmentsByBitrate = Map.copyOf(videoFragmentsByBitrate);
    }

    /** CPU seconds per minute of media played. */
    double cpuPerMediaMinuteS() {
      return playedS > 0 ? cpuS / playedS * 60 : Double.NaN;
    }
  }

  /** A run that could not be measured; the message says what happened. */
  static final class BenchmarkFailure extends Exception {
    private static final long serialVersionUID = 1L;

    BenchmarkFailure(String message) {
      super(message);
    }
  }

  @Override
  public Integer call() {
    Options options = options();
    if (options.keep() != null) {
      BenchCommand.makeKeepFolder(spec.commandLine(), options.keep());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      return run(options, out, err);
    } catch (BenchmarkFailure e) {
      err.println("bench play: " + e.getMessage());
      return EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("bench play: interrupted");
      return EXIT_FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Validates the command line; usage errors name the option and what it expects. */
  Options options() {
    if (durationS < MIN_DURATION_S || durationS > MAX_DURATION_S) {
      throw usage(
          "--duration-s must be " + MIN_DURATION_S + ".." + MAX_DURATION_S + ", was " + durationS);
    }
    if (repetitions < 1 || repetitions > MAX_REPETITIONS) {
      throw usage("--repetitions must be 1.." + MAX_REPETITIONS + ", was " + repetitions);
    }
    if (gst.isBlank()) {
      throw usage("--gst must name the gst-launch-1.0 executable, was empty");
    }
    int levelIndex;
    try {
      levelIndex = parseLevel(level);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    if (presentation != null && !Files.isRegularFile(presentation.resolve("Manifest"))) {
      throw usage(
          "--presentation must be a folder holding a file named Manifest, was " + presentation);
    }
    if (gstVideoSink.isBlank()) {
      throw usage("--gst-video-sink must be a GStreamer element description, was empty");
    }
    return new Options(presentation, durationS, repetitions, gst, levelIndex, gstVideoSink, keep);
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }

  // ---- the measurement ----

  private static int run(Options options, PrintWriter out, PrintWriter err)
      throws BenchmarkFailure, InterruptedException {
    // Before the sample, which takes minutes to generate on a fresh machine: without GStreamer
    // there is nothing to compare with.
    String gstVersion = gstVersion(options.gst());
    Path folder = options.presentation();
    if (folder == null) {
      err.println("preparing the built-in sample (generated once, then cached)...");
      err.flush();
      try {
        folder =
            Presentations.cached(Preset.SAMPLE.spec(), ProgressListener.forConsole(System.err));
      } catch (GenerationException | UncheckedIOException e) {
        throw new BenchmarkFailure("cannot generate the sample: " + e.getMessage());
      }
    }
    long ticksPerS = clockTicksPerSecond();
    Path work;
    try {
      work =
          options.keep() != null
              ? Files.createDirectories(options.keep())
              : Files.createTempDirectory("smooth-player-bench-play");
    } catch (IOException e) {
      throw new BenchmarkFailure("cannot create a temporary folder: " + IoErrors.describe(e));
    }
    Path requestLog = work.resolve("requests.jsonl");
    try (LocalOrigin origin = LocalOrigin.builder(folder).requestLog(requestLog).start()) {
      URI manifestUri = origin.baseUri().resolve("Manifest");
      Manifest manifest = readManifest(folder.resolve("Manifest"), manifestUri);
      StreamIndex video = videoStream(manifest);
      List<Long> ladderBps = ladderBps(video);
      int index = resolveLevel(options.levelIndex(), ladderBps.size());
      long bitrateBps = ladderBps.get(index);
      QualityLevel chosen =
          video.qualityLevels().stream()
              .filter(l -> l.bitrateBps() == bitrateBps)
              .findFirst()
              .orElseThrow();
      Map<String, Long> bitrateByPath = videoBitrateByPath(manifestUri, video);
      long speedKbps = gstConnectionSpeedKbps(ladderBps, index);
      Bench bench =
          new Bench(
              options,
              ticksPerS,
              manifestUri.toString(),
              index,
              bitrateBps,
              speedKbps,
              work,
              requestLog,
              bitrateByPath,
              err);

      out.println("bench play: " + folder);
      out.println(
          "level "
              + index
              + " of "
              + ladderBps.size()
              + ": "
              + chosen.maxWidthPx()
              + "x"
              + chosen.maxHeightPx()
              + " "
              + kbps(bitrateBps)
              + " kbps (ours: --quality "
              + index
              + "; GStreamer: connection-speed="
              + speedKbps
              + ", video-sink '"
              + options.gstVideoSink()
              + "')");
      out.println(
          "media per run "
              + options.durationS()
              + " s, "
              + options.repetitions()
              + " repetitions (ours, GStreamer, interleaved); "
              + "java "
              + System.getProperty("java.version")
              + "; "
              + gstVersion);
      out.println(
          "date " + LocalDate.now() + ", load average at start: " + BenchSupport.loadAverage());
      out.flush();

      List<Run> ours = new ArrayList<>();
      List<Run> gstRuns = new ArrayList<>();
      for (int rep = 1; rep <= options.repetitions(); rep++) {
        Run o = bench.runOurs(rep);
        ours.add(o);
        err.println(progress(o, options.repetitions()));
        err.flush();
        Run g = bench.runGst(rep);
        gstRuns.add(g);
        err.println(progress(g, options.repetitions()));
        err.flush();
      }
      String loadAtEnd = BenchSupport.loadAverage();

      out.println();
      summaryTable(ours, gstRuns).forEach(out::println);
      out.println();
      List<Run> all = new ArrayList<>();
      for (int i = 0; i < ours.size(); i++) {
        all.add(ours.get(i));
        all.add(gstRuns.get(i));
      }
      runTable(all).forEach(out::println);
      out.println();
      List<String> problems = checks(ours, gstRuns, bitrateBps);
      out.println(
          "ours: dropped frames "
              + joinLongs(ours.stream().map(Run::droppedFrames).toList())
              + ", stalls "
              + joinLongs(ours.stream().map(r -> (long) r.stalls()).toList())
              + " (required 0); GStreamer re-buffering pauses "
              + joinLongs(gstRuns.stream().map(r -> (long) r.stalls()).toList()));
      problems.forEach(p -> out.println("CHECK FAILED: " + p));
      out.println("load average at end: " + loadAtEnd);
      out.println(String.format(Locale.ROOT, "cpu ratio: %.2f", cpuRatio(ours, gstRuns)));
      return problems.isEmpty() ? EXIT_MEASURED : EXIT_FAILED;
    } catch (IOException e) {
      throw new BenchmarkFailure("cannot start the origin: " + e.getMessage());
    } finally {
      if (options.keep() == null) {
        BenchSupport.deleteQuietly(work);
      }
    }
  }

  /** The state shared by the runs of one benchmark. */
  private record Bench(
      Options options,
      long ticksPerS,
      String url,
      int levelIndex,
      long bitrateBps,
      long gstSpeedKbps,
      Path work,
      Path requestLog,
      Map<String, Long> bitrateByPath,
      PrintWriter err) {

    long hangAfterNanos() {
      return TimeUnit.SECONDS.toNanos(options.durationS() + HANG_MARGIN_S);
    }

    Run runOurs(int rep) throws BenchmarkFailure, InterruptedException {
      Path summaryFile = work.resolve("ours-" + rep + "-summary.json");
      Path logFile = work.resolve("ours-" + rep + "-session.jsonl");
      List<String> command =
          ourCommand(
              javaExecutable(),
              System.getProperty("java.class.path"),
              url,
              levelIndex,
              options.durationS(),
              summaryFile,
              logFile);
      ProcessOutcome p =
          runMeasured(
              command, Map.of(), LineListener.NONE, LineListener.NONE, () -> Long.MAX_VALUE, this);
      if (p.killedAsHung()) {
        throw new BenchmarkFailure(
            "our player (run " + rep + ") did not end in time and was killed" + p.tails());
      }
      if (p.exitCode() != 0) {
        throw new BenchmarkFailure(
            "our player (run " + rep + ") exited with " + p.exitCode() + p.tails());
      }
      SessionSummary summary;
      List<SessionEvent> events;
      try {
        summary = SessionSummary.read(summaryFile);
        events = SessionLogReader.read(logFile);
      } catch (IOException e) {
        throw new BenchmarkFailure(
            "cannot read our player's summary or session log (run " + rep + "): " + e);
      }
      SessionEvent.SessionStarted started =
          first(events, SessionEvent.SessionStarted.class, "session_started", rep);
      SessionEvent.ManifestLoaded loaded =
          first(events, SessionEvent.ManifestLoaded.class, "manifest_loaded", rep);
      List<Long> ladder = loaded.videoBitratesBps();
      if (levelIndex >= ladder.size() || ladder.get(levelIndex) != bitrateBps) {
        throw new BenchmarkFailure(
            "our player's level "
                + levelIndex
                + " is not "
                + bitrateBps
                + " bps (its ladder: "
                + ladder
                + ")");
      }
      if (summary.firstFrameMs() < 0) {
        throw new BenchmarkFailure("our player showed no frame (run " + rep + ")");
      }
      double firstFrameFromLaunchMs =
          sessionZeroEpochMs(started) + summary.firstFrameMs() - p.launchEpochMs();
      return new Run(
          OURS,
          rep,
          p.wallS(),
          (double) p.cpuTicks() / ticksPerS,
          p.peakRssKb(),
          firstFrameFromLaunchMs,
          summary.firstFrameMs(),
          summary.playedS(),
          fetched(p),
          summary.renderedFrames(),
          summary.droppedFrames(),
          summary.stalls());
    }

    Run runGst(int rep) throws BenchmarkFailure, InterruptedException {
      GstWatch watch = new GstWatch();
      long playNanos = TimeUnit.SECONDS.toNanos(options.durationS());
      ProcessOutcome p =
          runMeasured(
              gstCommand(options.gst(), url, gstSpeedKbps, options.gstVideoSink()),
              Map.of("GST_DEBUG", GST_DEBUG_SPEC, "GST_DEBUG_NO_COLOR", "1"),
              watch::stdout,
              watch::stderr,
              () -> watch.playingNanos < 0 ? Long.MAX_VALUE : watch.playingNanos + playNanos,
              this);
      if (p.killedAsHung()) {
        throw new BenchmarkFailure(
            "gst-launch (run " + rep + ") did not end in time and was killed" + p.tails());
      }
      if (watch.playingNanos < 0) {
        throw new BenchmarkFailure(
            "gst-launch (run "
                + rep
                + ") never reached PLAYING (exit "
                + p.exitCode()
                + "); is mssdemux (plugins-bad) installed?"
                + p.tails());
      }
      if (!p.interruptSent() && p.exitCode() != 0) {
        throw new BenchmarkFailure(
            "gst-launch (run " + rep + ") exited with " + p.exitCode() + p.tails());
      }
      if (watch.videoPrerolledNanos < 0) {
        throw new BenchmarkFailure(
            "gst-launch (run "
                + rep
                + ") printed no video preroll line (GST_DEBUG="
                + GST_DEBUG_SPEC
                + ", '<vbin> committing state from READY to PAUSED')"
                + p.tails());
      }
      double playedS = Math.min(options.durationS(), (p.exitNanos() - watch.playingNanos) / 1e9);
      return new Run(
          GSTREAMER,
          rep,
          p.wallS(),
          (double) p.cpuTicks() / ticksPerS,
          p.peakRssKb(),
          (watch.videoPrerolledNanos - p.launchNanos()) / 1e6,
          watch.prerolledSinceInitNs / 1e6,
          playedS,
          fetched(p),
          -1,
          -1,
          watch.bufferingPauses.get());
    }

    private Map<Long, Integer> fetched(ProcessOutcome p) throws BenchmarkFailure {
      try {
        return videoFragmentsFetched(
            Files.readAllLines(requestLog, StandardCharsets.UTF_8),
            bitrateByPath,
            p.launchEpochMs(),
            p.exitEpochMs());
      } catch (IOException e) {
        throw new BenchmarkFailure("cannot read the origin's request log: " + e.getMessage());
      }
    }
  }

  private static <T extends SessionEvent> T first(
      List<SessionEvent> events, Class<T> type, String name, int rep) throws BenchmarkFailure {
    for (SessionEvent e : events) {
      if (type.isInstance(e)) {
        return type.cast(e);
      }
    }
    throw new BenchmarkFailure("our session log (run " + rep + ") has no " + name + " event");
  }

  /**
   * The wall-clock time of the session's zero ({@code tMs} 0): {@code startedAtEpochMs} is read
   * when {@code session_started} is logged, {@code tMs} after the session's zero.
   */
  static double sessionZeroEpochMs(SessionEvent.SessionStarted started) {
    return started.startedAtEpochMs() - started.tMs();
  }

  // ---- commands ----

  /** The child command line that runs our player headless for {@code durationS} of media. */
  static List<String> ourCommand(
      String java,
      String classPath,
      String url,
      int levelIndex,
      int durationS,
      Path summaryFile,
      Path logFile) {
    return List.of(
        java,
        "-cp",
        classPath,
        Main.class.getName(),
        url,
        "--headless",
        "--no-audio-device",
        "--quality",
        Integer.toString(levelIndex),
        "--duration",
        Integer.toString(durationS),
        "--summary",
        summaryFile.toString(),
        "--log",
        logFile.toString());
  }

  /**
   * The gst-launch-1.0 command line (one argument per element; gst-launch escapes the spaces of
   * each argument, so a sink description stays one property value).
   */
  static List<String> gstCommand(
      String gst, String url, long connectionSpeedKbps, String videoSink) {
    return List.of(
        gst,
        "playbin",
        "uri=" + url,
        "connection-speed=" + connectionSpeedKbps,
        "video-sink=" + videoSink,
        "audio-sink=" + GST_AUDIO_SINK);
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  // ---- levels ----

  /**
   * Reads {@code --level}: {@value #TOP_LEVEL} gives -1, a number its index (0 = lowest).
   *
   * @throws IllegalArgumentException naming the option and what it expects
   */
  static int parseLevel(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals(TOP_LEVEL)) {
      return -1;
    }
    try {
      int index = Integer.parseInt(t);
      if (index >= 0) {
        return index;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--level must be top or a video level index >= 0 (0 = lowest bitrate), was '" + text + "'");
  }

  /** The level index to play: {@code choice} itself, or the top one for -1. */
  static int resolveLevel(int choice, int levelCount) throws BenchmarkFailure {
    if (levelCount <= 0) {
      throw new BenchmarkFailure("the presentation has no video level");
    }
    if (choice < 0) {
      return levelCount - 1;
    }
    if (choice >= levelCount) {
      throw new BenchmarkFailure(
          "--level " + choice + " is out of range: the video has levels 0.." + (levelCount - 1));
    }
    return choice;
  }

  /** The distinct video bitrates, lowest first: index i is the player's level i. */
  static List<Long> ladderBps(StreamIndex video) {
    return video.qualityLevels().stream()
        .map(QualityLevel::bitrateBps)
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * GStreamer's {@code connection-speed} (kbit/s) that makes its Smooth Streaming demuxer pick
   * level {@code index} and keep it (it takes the highest bitrate not above the speed): the
   * midpoint to the next level, or {@value #TOP_LEVEL_SPEED_FACTOR} times the top bitrate.
   */
  static long gstConnectionSpeedKbps(List<Long> ladderBps, int index) {
    long bps = ladderBps.get(index);
    if (index == ladderBps.size() - 1) {
      return Math.max(1, bps * TOP_LEVEL_SPEED_FACTOR / 1000);
    }
    return Math.max(1, (bps + ladderBps.get(index + 1)) / 2 / 1000);
  }

  private static Manifest readManifest(Path file, URI manifestUri) throws BenchmarkFailure {
    try {
      return new ManifestParser().parse(Files.readAllBytes(file), manifestUri);
    } catch (IOException | ManifestException e) {
      throw new BenchmarkFailure("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static StreamIndex videoStream(Manifest manifest) throws BenchmarkFailure {
    List<StreamIndex> videos = manifest.streams(StreamType.VIDEO);
    if (videos.isEmpty()) {
      throw new BenchmarkFailure("the presentation has no video stream");
    }
    return videos.get(0);
  }

  /** The raw path of every video fragment URL the manifest implies, to its level's bitrate. */
  static Map<String, Long> videoBitrateByPath(URI manifestUri, StreamIndex video) {
    Map<String, Long> byPath = new HashMap<>();
    for (QualityLevel level : video.qualityLevels()) {
      for (int i = 0; i < video.timeline().chunkCount(); i++) {
        int chunk = i;
        video
            .fragmentUri(manifestUri, level, chunk)
            .ifPresent(u -> byPath.put(u.getRawPath(), level.bitrateBps()));
      }
    }
    return byPath;
  }

  /**
   * Counts the video fragment requests of the origin's request log (JSON lines with {@code path}
   * and {@code request_time}) received between {@code fromEpochMs} and {@code toEpochMs}, by level
   * bitrate. Other requests (manifest, audio) are not counted.
   *
   * @throws BenchmarkFailure for a line that is not a request log entry
   */
  static Map<Long, Integer> videoFragmentsFetched(
      List<String> requestLogLines,
      Map<String, Long> bitrateByPath,
      long fromEpochMs,
      long toEpochMs)
      throws BenchmarkFailure {
    Map<Long, Integer> counts = new TreeMap<>();
    for (String line : requestLogLines) {
      if (line.isBlank()) {
        continue;
      }
      String path;
      long atMs;
      try {
        JsonNode entry = JSON.readTree(line);
        path = entry.path("path").asText("");
        atMs = Instant.parse(entry.path("request_time").asText("")).toEpochMilli();
      } catch (IOException | DateTimeParseException e) {
        throw new BenchmarkFailure(
            "the origin's request log has a line that is not an entry with path and request_time: "
                + line);
      }
      Long bitrate = bitrateByPath.get(path);
      if (bitrate != null && atMs >= fromEpochMs && atMs <= toEpochMs) {
        counts.merge(bitrate, 1, Integer::sum);
      }
    }
    return counts;
  }

  // ---- processes ----

  /** Receives one line of a child's output and the {@link System#nanoTime()} it arrived at. */
  @FunctionalInterface
  interface LineListener {
    LineListener NONE = (line, arrivalNanos) -> {};

    void line(String line, long arrivalNanos);
  }

  /**
   * What the parent saw of one child process.
   *
   * @param launchEpochMs wall clock just before the launch
   * @param launchNanos {@link System#nanoTime()} just before the launch
   * @param exitNanos {@link System#nanoTime()} when the exit was seen
   * @param exitEpochMs wall clock when the exit was seen
   * @param exitCode the process's exit code
   * @param cpuTicks utime + stime of the last sample, in clock ticks
   * @param peakRssKb VmHWM of the last sample that had one, in KiB
   * @param interruptSent whether SIGINT was sent
   * @param killedAsHung whether the process was killed for taking too long
   * @param outTail first and last lines of standard output
   * @param errTail first and last lines of standard error
   */
  record ProcessOutcome(
      long launchEpochMs,
      long launchNanos,
      long exitNanos,
      long exitEpochMs,
      int exitCode,
      long cpuTicks,
      long peakRssKb,
      boolean interruptSent,
      boolean killedAsHung,
      List<String> outTail,
      List<String> errTail) {

    double wallS() {
      return (exitNanos - launchNanos) / 1e9;
    }

    String tails() {
      return "\n  stdout:\n    "
          + String.join("\n    ", outTail)
          + "\n  stderr:\n    "
          + String.join("\n    ", errTail);
    }
  }

  /**
   * Starts {@code command}, drains its output to the listeners, samples its {@code /proc} entries
   * every {@value #SAMPLE_INTERVAL_MS} ms until it exits, sends SIGINT once {@code
   * interruptAtNanos} has passed, and kills it when it outlives the hang limit.
   */
  private static ProcessOutcome runMeasured(
      List<String> command,
      Map<String, String> environment,
      LineListener onStdout,
      LineListener onStderr,
      LongSupplier interruptAtNanos,
      Bench bench)
      throws BenchmarkFailure, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    long launchEpochMs = System.currentTimeMillis();
    long launchNanos = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new BenchmarkFailure("cannot start " + command.get(0) + ": " + e.getMessage());
    }
    LineDrain stdout = LineDrain.start(process.getInputStream(), "bench-play-stdout", onStdout);
    LineDrain stderr = LineDrain.start(process.getErrorStream(), "bench-play-stderr", onStderr);
    ProcSampler sampler = new ProcSampler(process.pid());
    boolean interruptSent = false;
    long interruptSentNanos = 0;
    boolean terminated = false;
    boolean hung = false;
    while (true) {
      sampler.sample();
      if (process.waitFor(SAMPLE_INTERVAL_MS, TimeUnit.MILLISECONDS)) {
        break;
      }
      long now = System.nanoTime();
      if (!interruptSent && now - interruptAtNanos.getAsLong() >= 0) {
        sendInterrupt(process.pid());
        interruptSent = true;
        interruptSentNanos = now;
      }
      if (interruptSent
          && !terminated
          && now - interruptSentNanos > TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MS)) {
        process.destroy();
        terminated = true;
      }
      if (now - launchNanos > bench.hangAfterNanos()) {
        hung = true;
        process.destroyForcibly();
        process.waitFor();
        break;
      }
    }
    long exitNanos = System.nanoTime();
    long exitEpochMs = System.currentTimeMillis();
    sampler.sample();
    stdout.join();
    stderr.join();
    return new ProcessOutcome(
        launchEpochMs,
        launchNanos,
        exitNanos,
        exitEpochMs,
        process.exitValue(),
        sampler.cpuTicks,
        sampler.peakRssKb,
        interruptSent,
        hung,
        stdout.excerpt(),
        stderr.excerpt());
  }

  private static void sendInterrupt(long pid) throws BenchmarkFailure, InterruptedException {
    try {
      Process kill =
          new ProcessBuilder("kill", "-INT", Long.toString(pid)).redirectErrorStream(true).start();
      kill.getInputStream().readAllBytes();
      if (kill.waitFor() != 0) {
        throw new BenchmarkFailure("kill -INT " + pid + " failed with exit " + kill.exitValue());
      }
    } catch (IOException e) {
      throw new BenchmarkFailure("cannot run kill -INT " + pid + ": " + e.getMessage());
    }
  }

  /** Reads {@code /proc/PID/stat} and {@code /proc/PID/status}; keeps the last values read. */
  private static final class ProcSampler {
    private final Path stat;
    private final Path status;
    // Owned by the measuring thread.
    long cpuTicks;
    long peakRssKb;

    ProcSampler(long pid) {
      this.stat = Path.of("/proc", Long.toString(pid), "stat");
      this.status = Path.of("/proc", Long.toString(pid), "status");
    }

    void sample() {
      try {
        cpuTicks = Math.max(cpuTicks, cpuTicksFromStat(Files.readString(stat)));
        long hwm = BenchSupport.statusKb(Files.readString(status), "VmHWM");
        peakRssKb = Math.max(peakRssKb, hwm);
      } catch (NoSuchFileException e) {
        // gone (exited and reaped): the last sample stands
      } catch (IOException | IllegalArgumentException e) {
        // a zombie's entries can be partial: the last sample stands
      }
    }
  }

  /**
   * utime + stime (fields 14 and 15) of a {@code /proc/PID/stat} line, in clock ticks. For a
   * process (thread-group leader) these cover all its threads, live and ended.
   *
   * @throws IllegalArgumentException when the line does not have that layout
   */
  static long cpuTicksFromStat(String statLine) {
    int close = statLine.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException(
          "expected a /proc/PID/stat line 'pid (comm) state ...', got: " + statLine);
    }
    String[] fields = statLine.substring(close + 1).strip().split("\\s+");
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    if (fields.length < 13) {
      throw new IllegalArgumentException(
          "expected at least 15 fields in a /proc/PID/stat line, got: " + statLine);
    }
    try {
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected numbers as utime and stime of a /proc/PID/stat line, got: " + statLine, e);
    }
  }

  /**
   * Reads a child's output line by line on its own thread, keeping its first and last lines (not
   * GStreamer's debug lines nor its buffering progress) for error messages.
   */
  private static final class LineDrain {
    private final Thread thread;
    // Appended by the drain thread, read by the measuring thread; guarded by tail.
    private final List<String> head = new ArrayList<>();
    // Appended by the drain thread, read by the measuring thread; guarded by itself.
    private final Deque<String> tail = new ArrayDeque<>();
    // Guarded by tail.
    private long skipped;

    private LineDrain(InputStream in, String name, LineListener listener) {
      this.thread =
          new Thread(
              () -> {
                try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = reader.readLine()) != null) {
                    listener.line(line, System.nanoTime());
                    if (line.isBlank()
                        || line.startsWith("buffering...")
                        || GST_DEBUG_LINE.matcher(line).lookingAt()) {
                      continue;
                    }
                    synchronized (tail) {
                      if (head.size() < HEAD_LINES) {
                        head.add(line);
                        continue;
                      }
                      tail.addLast(line);
                      if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                        skipped++;
                      }
                    }
                  }
                } catch (IOException e) {
                  // the pipe closed: the process is gone
                }
              },
              name);
      this.thread.setDaemon(true);
    }

    static LineDrain start(InputStream in, String name, LineListener listener) {
      LineDrain drain = new LineDrain(in, name, listener);
      drain.thread.start();
      return drain;
    }

    void join() throws InterruptedException {
      thread.join(STOP_GRACE_MS);
    }

    /** The first lines, a line counting those left out (if any), the last lines. */
    List<String> excerpt() {
      synchronized (tail) {
        List<String> lines = new ArrayList<>(head);
        if (skipped > 0) {
          lines.add("[" + skipped + " lines left out]");
        }
        lines.addAll(tail);
        return lines;
      }
    }
  }

  /** Watches gst-launch's output for the PLAYING and video-preroll moments and stalls. */
  static final class GstWatch {
    // Written by the stderr drain thread, read by the measuring thread.
    volatile long playingNanos = -1;
    // Written by the stderr drain thread, read by the measuring thread after join().
    volatile long videoPrerolledNanos = -1;
    // Written by the stderr drain thread, read by the measuring thread after join().
    volatile long prerolledSinceInitNs = -1;
    // Counted by the stdout drain thread, read by the measuring thread after join().
    final AtomicInteger bufferingPauses = new AtomicInteger();

    void stderr(String line, long arrivalNanos) {
      if (videoPrerolledNanos < 0) {
        Matcher m = GST_VIDEO_PREROLLED.matcher(line);
        if (m.find()) {
          prerolledSinceInitNs = gstTimestampNs(m.group(1));
          videoPrerolledNanos = arrivalNanos;
          return;
        }
      }
      if (playingNanos < 0 && GST_PLAYING.matcher(line).find()) {
        playingNanos = arrivalNanos;
      }
    }

    void stdout(String line, long arrivalNanos) {
      if (playingNanos >= 0 && line.contains(GST_BUFFERING_PAUSE)) {
        bufferingPauses.incrementAndGet();
      }
    }
  }

  /**
   * A GST_DEBUG timestamp ({@code H:MM:SS.NNNNNNNNN}, time since {@code gst_init}) in nanoseconds.
   *
   * @throws IllegalArgumentException when the text is not such a timestamp
   */
  static long gstTimestampNs(String text) {
    Matcher m = GST_TIMESTAMP.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected a GStreamer timestamp H:MM:SS.NNNNNNNNN, got '" + text + "'");
    }
    String fraction = (m.group(4) + "000000000").substring(0, 9);
    return TimeUnit.HOURS.toNanos(Long.parseLong(m.group(1)))
        + TimeUnit.MINUTES.toNanos(Long.parseLong(m.group(2)))
        + TimeUnit.SECONDS.toNanos(Long.parseLong(m.group(3)))
        + Long.parseLong(fraction);
  }

  // ---- environment ----

  private static long clockTicksPerSecond() throws InterruptedException {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor() == 0) {
        long ticks = Long.parseLong(text);
        if (ticks > 0) {
          return ticks;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall back below
    }
    return DEFAULT_CLOCK_TICKS_PER_S;
  }

  private static String gstVersion(String gst) throws BenchmarkFailure, InterruptedException {
    try {
      Process p = new ProcessBuilder(gst, "--version").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new BenchmarkFailure(gst + " --version failed: " + text.strip());
      }
      return text.lines()
          .filter(l -> l.startsWith("GStreamer "))
          .findFirst()
          .orElse(text.lines().findFirst().orElse(gst));
    } catch (IOException e) {
      throw new BenchmarkFailure(
          "cannot run "
              + gst
              + " ("
              + e.getMessage()
              + "); install GStreamer's gst-launch-1.0 with plugins-bad (mssdemux) and libav,"
              + " or name it with --gst PATH");
    }
  }

  // ---- report ----

  /** The median; the mean of the two middle values for an even count; NaN when empty. */
  static double median(List<Double> values) {
    List<Double> sorted = values.stream().filter(v -> !v.isNaN()).sorted().toList();
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** {@code ours / gst} with two decimals, {@code n/a} when it is not a finite number. */
  static String ratio(double ours, double gst) {
    double r = ours / gst;
    return Double.isFinite(r) ? String.format(Locale.ROOT, "%.2f", r) : "n/a";
  }

  /** Ratio of the medians of CPU seconds per minute of media, ours over GStreamer. */
  static double cpuRatio(List<Run> ours, List<Run> gst) {
    return median(ours.stream().map(Run::cpuPerMediaMinuteS).toList())
        / median(gst.stream().map(Run::cpuPerMediaMinuteS).toList());
  }

  private record Metric(
      String name, String format, java.util.function.ToDoubleFunction<Run> value) {}

  private static final List<Metric> METRICS =
      List.of(
          new Metric("wall time, s", "%.1f", Run::wallS),
          new Metric("CPU (utime+stime, all threads), s", "%.2f", Run::cpuS),
          new Metric("CPU per minute of media, s/min", "%.2f", Run::cpuPerMediaMinuteS),
          new Metric("peak RSS (VmHWM), MiB", "%.1f", r -> r.peakRssKb() / 1024.0),
          new Metric("first frame from launch, ms", "%.0f", Run::firstFrameFromLaunchMs),
          new Metric(
              "first frame from session start (ours) / gst_init (GStreamer), ms",
              "%.0f",
              Run::firstFrameFromStartMs),
          new Metric("media played, s", "%.1f", Run::playedS));

  /** The medians of every metric and their ratios, as a Markdown table. */
  static List<String> summaryTable(List<Run> ours, List<Run> gst) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "| metric (median of "
            + ours.size()
            + " / "
            + gst.size()
            + " runs) | ours | GStreamer | ours/GStreamer |");
    lines.add("|---|---:|---:|---:|");
    for (Metric m : METRICS) {
      double o = median(ours.stream().map(r -> m.value().applyAsDouble(r)).toList());
      double g = median(gst.stream().map(r -> m.value().applyAsDouble(r)).toList());
      lines.add(
          "| "
              + m.name()
              + " | "
              + number(m.format(), o)
              + " | "
              + number(m.format(), g)
              + " | "
              + ratio(o, g)
              + " |");
    }
    return lines;
  }

  /** Every run's values, as a Markdown table. */
  static List<String> runTable(List<Run> runs) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "| run | player | wall s | CPU s | CPU s/min | peak RSS MiB | first frame from launch ms"
            + " | from start ms | played s | video fragments fetched | rendered | dropped |"
            + " stalls |");
    lines.add("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|");
    for (Run r : runs) {
      lines.add(
          "| "
              + r.repetition()
              + " | "
              + r.player()
              + " | "
              + number("%.1f", r.wallS())
              + " | "
              + number("%.2f", r.cpuS())
              + " | "
              + number("%.2f", r.cpuPerMediaMinuteS())
              + " | "
              + number("%.1f", r.peakRssKb() / 1024.0)
              + " | "
              + number("%.0f", r.firstFrameFromLaunchMs())
              + " | "
              + number("%.0f", r.firstFrameFromStartMs())
              + " | "
              + number("%.1f", r.playedS())
              + " | "
              + fragments(r.videoFragmentsByBitrate())
              + " | "
              + count(r.renderedFrames())
              + " | "
              + count(r.droppedFrames())
              + " | "
              + r.stalls()
              + " |");
    }
    return lines;
  }

  /**
   * What must hold for the comparison to count: both players fetched only the chosen level, and
   * ours dropped no frame and never stalled. Empty when all is well.
   */
  static List<String> checks(List<Run> ours, List<Run> gst, long bitrateBps) {
    List<String> problems = new ArrayList<>();
    List<Run> all = new ArrayList<>(ours);
    all.addAll(gst);
    for (Run r : all) {
      Map<Long, Integer> fetched = r.videoFragmentsByBitrate();
      if (fetched.isEmpty() || !fetched.keySet().equals(java.util.Set.of(bitrateBps))) {
        problems.add(
            r.player()
                + " run "
                + r.repetition()
                + " fetched video fragments "
                + fragments(fetched)
                + ", expected only "
                + kbps(bitrateBps)
                + " kbps");
      }
    }
    for (Run r : ours) {
      if (r.droppedFrames() != 0 || r.stalls() != 0) {
        problems.add(
            "ours run "
                + r.repetition()
                + " dropped "
                + r.droppedFrames()
                + " frames and stalled "
                + r.stalls()
                + " times (required: 0 and 0)");
      }
    }
    return problems;
  }

  /** One progress line for standard error. */
  static String progress(Run r, int repetitions) {
    return String.format(
        Locale.ROOT,
        "run %d/%d %s: wall %.1f s, CPU %.2f s (%.2f s/min), peak RSS %.1f MiB, first frame %.0f ms"
            + " from launch, played %.1f s, video %s",
        r.repetition(),
        repetitions,
        r.player(),
        r.wallS(),
        r.cpuS(),
        r.cpuPerMediaMinuteS(),
        r.peakRssKb() / 1024.0,
        r.firstFrameFromLaunchMs(),
        r.playedS(),
        fragments(r.videoFragmentsByBitrate()));
  }

  /** Fragment counts by bitrate, e.g. {@code 5000 kbps x31}; {@code none} when empty. */
  static String fragments(Map<Long, Integer> byBitrate) {
    if (byBitrate.isEmpty()) {
      return "none";
    }
    StringJoiner joiner = new StringJoiner(", ");
    new TreeMap<>(byBitrate).forEach((bps, n) -> joiner.add(kbps(bps) + " kbps x" + n));
    return joiner.toString();
  }

  private static String number(String format, double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "n/a";
  }

  private static String count(long value) {
    return value < 0 ? "-" : Long.toString(value);
  }

  private static String joinLongs(List<Long> values) {
    StringJoiner joiner = new StringJoiner("/");
    values.forEach(v -> joiner.add(Long.toString(v)));
    return joiner.toString();
  }

  private static long kbps(long bps) {
    return Math.round(bps / 1000.0);
  }
}
