package org.smoothplayer.app.cli;

import static org.smoothplayer.app.cli.SoakBenchmark.EXIT_FAILED;
import static org.smoothplayer.app.cli.SoakBenchmark.EXIT_FLAT;
import static org.smoothplayer.app.cli.SoakFaultPlan.faults;
import static org.smoothplayer.app.cli.SoakLogs.checkLog;
import static org.smoothplayer.app.cli.SoakLogs.faultsInRequestLog;
import static org.smoothplayer.app.cli.SoakProcessProbe.fdTargets;
import static org.smoothplayer.app.cli.SoakProcessProbe.grown;
import static org.smoothplayer.app.cli.SoakProcessProbe.shapeDiff;
import static org.smoothplayer.app.cli.SoakProcessProbe.shapes;
import static org.smoothplayer.app.cli.SoakProcessProbe.threadNames;
import static org.smoothplayer.app.cli.SoakProcessProbe.threadStacks;
import static org.smoothplayer.app.cli.SoakSamples.MIB;
import static org.smoothplayer.app.cli.SoakSamples.SAMPLE_HEADER;
import static org.smoothplayer.app.cli.SoakSamples.SAMPLE_RULE;
import static org.smoothplayer.app.cli.SoakSamples.checkTable;
import static org.smoothplayer.app.cli.SoakSamples.checks;
import static org.smoothplayer.app.cli.SoakSamples.sampleRow;
import static org.smoothplayer.app.cli.SoakSamples.slopePerMinute;
import static org.smoothplayer.app.cli.SoakSamples.verdict;
import static org.smoothplayer.app.cli.SoakSchedule.phaseAt;
import static org.smoothplayer.app.cli.SoakSchedule.schedule;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.cli.SoakBenchmark.Options;
import org.smoothplayer.app.cli.SoakFaultPlan.FragmentTimes;
import org.smoothplayer.app.cli.SoakLogs.LogCheck;
import org.smoothplayer.app.cli.SoakSamples.Bounds;
import org.smoothplayer.app.cli.SoakSamples.Check;
import org.smoothplayer.app.cli.SoakSamples.Point;
import org.smoothplayer.app.cli.SoakSamples.Sample;
import org.smoothplayer.app.cli.SoakSchedule.Action;
import org.smoothplayer.app.cli.SoakSchedule.ActionType;
import org.smoothplayer.app.cli.SoakSchedule.Kind;
import org.smoothplayer.app.engine.EngineOptions;
import org.smoothplayer.app.engine.PlaybackEngine;
import org.smoothplayer.app.engine.PlayerSnapshot;
import org.smoothplayer.app.engine.PlayerState;
import org.smoothplayer.app.engine.QualityChoice;
import org.smoothplayer.app.manifest.Manifest;
import org.smoothplayer.app.manifest.ManifestException;
import org.smoothplayer.app.manifest.ManifestParser;
import org.smoothplayer.app.manifest.StreamType;
import org.smoothplayer.app.session.SessionLogWriter;
import org.smoothplayer.assets.generate.GenerationException;
import org.smoothplayer.assets.generate.PresentationSpec;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.ProgressListener;
import org.smoothplayer.assets.origin.LinkTrace;
import org.smoothplayer.assets.origin.LocalOrigin;
import org.smoothplayer.assets.origin.live.LiveOptions;

/**
 * One soak run: opens and closes the sessions of the VOD and live phases, applies the {@link
 * SoakSchedule}, samples the process and prints the report and the verdict. The state of one soak
 * run; lives on the calling thread only.
 */
final class SoakRun {

  /** The live broadcast: a small DVR window, enough media published to seek back into. */
  static final double LIVE_DVR_WINDOW_S = 30;

  static final double LIVE_START_OFFSET_S = 30;

  /** Capacity of the origin's link, Mbps (above the top level: switches are the soak's own). */
  static final double LINK_MBPS = 4;

  /** The warm-up runs this many phases (one VOD, one live), judged by nothing. */
  static final int WARM_UP_PHASES = 2;

  /** Pause after the last session closed before an idle sample (threads wind down). */
  static final long SETTLE_MS = 3_000;

  /** The soak loop wakes this often to follow sessions and the schedule. */
  static final long TICK_MS = 100;

  /** After a failed session, the next opens this much later. */
  static final long FAILED_BACKOFF_MS = 1_000;

  /** A VOD session still open after twice its media plus this much is closed as hung. */
  static final long VOD_HANG_MARGIN_MS = 60_000;

  /** Queue capacity of each session's log writer. */
  static final int LOG_QUEUE_CAPACITY = SessionLogWriter.DEFAULT_QUEUE_CAPACITY;

  /** A failure that stops the soak before its verdict. */
  static final class SoakFailure extends Exception {
    private static final long serialVersionUID = 1L;

    SoakFailure(String message) {
      super(message);
    }
  }

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

  /**
   * A soak of {@code options} printing to {@code out} and {@code err}; see {@link
   * SoakBenchmark#run}.
   */
  SoakRun(Options options, PrintWriter out, PrintWriter err, Runnable afterEachSession) {
    this.options = options;
    this.out = out;
    this.err = err;
    this.afterEachSession = afterEachSession;
  }

  /**
   * Prepares the content and the folder, runs the warm-up and the soak, and prints the report; a
   * temporary folder is deleted at the end.
   *
   * @return {@link SoakBenchmark#EXIT_FLAT} or {@link SoakBenchmark#EXIT_FAILED}
   */
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
      folder = Presentations.cached(content, ProgressListener.forConsole(System.err));
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
   * Runs sessions for {@code durationMs}: VOD and live phases, the {@link SoakSchedule#schedule}'s
   * actions, and (unless warming up) a sample every {@code --report-every}.
   */
  private void runPhases(long durationMs, boolean warmUp) throws SoakFailure, InterruptedException {
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
    List<Check> checks =
        checks(
            start,
            end,
            grown(threadsAtStart, threadsAtEnd),
            grown(fdsAtStart, fdsAtEnd),
            Bounds.DEFAULT);
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
    log.problems().forEach(p -> problems.add("session log " + s.logFile.getFileName() + ": " + p));
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
    return SoakProcessProbe.sample(
        label,
        (int) results.stream().filter(r -> !r.warmUp()).count(),
        open == null ? "-" : open.kind.label());
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
}
