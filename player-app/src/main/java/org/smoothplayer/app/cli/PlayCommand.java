package org.smoothplayer.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.config.ConfigFileException;
import org.smoothplayer.app.config.ConfigStore;
import org.smoothplayer.app.config.CurrentSettings;
import org.smoothplayer.app.config.PlayerConfig;
import org.smoothplayer.app.config.SessionLogFolder;
import org.smoothplayer.app.config.SettingsFile;
import org.smoothplayer.app.engine.AudioOpener;
import org.smoothplayer.app.engine.EngineOptions;
import org.smoothplayer.app.engine.PlaybackEngine;
import org.smoothplayer.app.engine.PlayerSnapshot;
import org.smoothplayer.app.engine.PlayerState;
import org.smoothplayer.app.engine.QualityChoice;
import org.smoothplayer.app.io.IoErrors;
import org.smoothplayer.app.session.SessionEvent;
import org.smoothplayer.app.session.SessionLogWriter;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.app.session.SessionSink;
import org.smoothplayer.app.session.SessionSinks;
import org.smoothplayer.app.session.SessionSummary;
import org.smoothplayer.app.ui.FirstSession;
import org.smoothplayer.app.ui.PlayerWindowLauncher;
import org.smoothplayer.app.ui.SessionOpener;
import org.smoothplayer.app.ui.session.SessionRecordings;
import org.smoothplayer.assets.generate.Presentations;
import org.smoothplayer.assets.generate.Preset;
import org.smoothplayer.assets.generate.ProgressListener;
import org.smoothplayer.assets.origin.LocalOrigin;

/**
 * Plays a manifest URL (or the built-in sample through the embedded origin) in the window, or with
 * {@code --headless} on the command line, printing the session summary at the end.
 */
final class PlayCommand {
  /** Queue of the session-log writer, in events. */
  private static final int LOG_QUEUE_EVENTS = 65_536;

  /** A larger clock advance between two looks is a jump (seek, catch-up), not playback. */
  private static final long MAX_POLL_ADVANCE_US = 1_000_000;

  /** How often the headless runner looks at the session. */
  private static final long POLL_MS = 10;

  /** The {@code --captions} value that turns captions off. */
  static final String CAPTIONS_OFF = "off";

  private final Main args;
  private final PrintWriter out;
  private final PrintWriter err;

  PlayCommand(Main args, PrintWriter out, PrintWriter err) {
    this.args = args;
    this.out = out;
    this.err = err;
  }

  int run() {
    QualityChoice quality;
    try {
      quality = QualityChoice.parse(args.quality);
    } catch (IllegalArgumentException e) {
      return usage(e.getMessage());
    }
    if (args.startS != null && !(args.startS >= 0 && Double.isFinite(args.startS))) {
      return usage(
          "--start: expected seconds from the start (a finite number >= 0) but was " + args.startS);
    }
    if (args.durationS != null && !(args.durationS > 0 && Double.isFinite(args.durationS))) {
      return usage(
          "--duration: expected seconds of media to play (a finite number > 0) but was "
              + args.durationS);
    }
    if (args.audioLanguage != null && args.audioLanguage.isBlank()) {
      return usage("--audio-lang: expected a language (e.g. en, fra) but was empty");
    }
    if (args.captions != null && args.captions.isBlank()) {
      return usage("--captions: expected a language (e.g. eng), 'on' or 'off' but was empty");
    }
    if (args.summaryFile != null && !args.headless) {
      return usage("--summary needs --headless");
    }
    if (args.noLog && (args.logFile != null || args.logDir != null)) {
      return usage("--no-log excludes --log and --log-dir");
    }
    if (args.logFile != null && args.logDir != null) {
      return usage("--log FILE and --log-dir DIR exclude each other");
    }
    if (args.summaryFile != null) {
      try {
        IoErrors.createParentFolder(args.summaryFile);
      } catch (IOException e) {
        return usage(
            "--summary "
                + args.summaryFile
                + ": cannot create its folder: "
                + IoErrors.describe(e));
      }
    }
    // --config FILE wins over the stored settings; the settings panel saves to the store.
    ConfigStore store = ConfigStore.user();
    SettingsFile.Loaded loaded;
    if (args.configFile != null) {
      try {
        loaded = SettingsFile.read(args.configFile);
      } catch (ConfigFileException e) {
        return usage("--config " + e.getMessage());
      }
    } else {
      loaded = store.loadSettings();
    }
    loaded.problems().forEach(p -> err.println("smooth-player: config: " + p));
    CurrentSettings settings = CurrentSettings.stored(store, loaded.settings(), loaded.problems());
    PlayerConfig config = settings.get().player();
    LocalOrigin origin = null;
    String url = args.manifestUrl;
    try (LocalPresentations local = new LocalPresentations()) {
      if (url == null) {
        err.println("smooth-player: playing the built-in sample (generated on first run)");
        err.flush();
        Path dir =
            Presentations.cached(Preset.SAMPLE.spec(), ProgressListener.forConsole(System.err));
        origin = LocalOrigin.builder(dir).start();
        url = origin.baseUri().resolve("Manifest").toString();
      }
      try {
        url = local.playableUrl(url);
      } catch (IllegalArgumentException e) {
        return usage(e.getMessage());
      }
      EngineOptions options =
          new EngineOptions(
              url,
              config,
              quality,
              Optional.ofNullable(args.audioLanguage),
              startUs(),
              true,
              args.headless,
              args.noAudioDevice,
              SessionSinks.discard(),
              AudioOpener.DEVICE,
              local.shownUrls(url));
      try (SessionLogs logs = sessionLogs(settings)) {
        if (args.headless) {
          SessionRecorder recorder = new SessionRecorder();
          SessionLogWriter log = logs.open();
          SessionSink sink = log == null ? recorder : SessionSinks.tee(recorder, log);
          return headless(options.withSink(sink), recorder, logs);
        }
        return window(options, args.manifestUrl, settings, logs, local);
      }
    } catch (IOException e) {
      err.println("smooth-player: " + IoErrors.describe(e));
      return Main.EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.EXIT_FAILED;
    } finally {
      if (origin != null) {
        origin.close();
      }
      out.flush();
      err.flush();
    }
  }

  /**
   * Opens the window; every session it opens (the first, File ▸ Open, drops) starts with the
   * settings in force, writes its own log and is recorded for the Session window.
   */
  private int window(
      EngineOptions options,
      @Nullable String typed,
      CurrentSettings settings,
      SessionLogs logs,
      LocalPresentations local) {
    SessionRecordings recordings = new SessionRecordings();
    // The window's sessions (weakly: a closed one is let go), guarded by the set itself. A TERM
    // signal or a logout ends the JVM without closing the window; the hook below then ends each
    // session as "interrupted" and writes out the logs, which would otherwise lose their last
    // events and their end.
    Set<PlaybackEngine> engines = Collections.newSetFromMap(new WeakHashMap<>());
    // --captions applies to the first session; the window carries the user's choice on from there.
    String captionsAskedFor = captionLanguage();
    AtomicBoolean captionsAsked = new AtomicBoolean(captionsAskedFor != null);
    // --start applies to the first session; the others start where they were left, else at their
    // start (the window decides).
    SessionOpener opener =
        (u, startUs) -> {
          String sessionUrl = local.playableUrl(u);
          SessionRecorder recorder = new SessionRecorder();
          SessionLogWriter log;
          try {
            log = logs.open();
          } catch (IOException e) {
            throw new UncheckedIOException(
                "cannot create the session log: " + IoErrors.describe(e), e);
          }
          SessionSink sink =
              log == null ? recorder : SessionSinks.tee(recorder, closedAtSessionEnd(log));
          try {
            PlaybackEngine engine =
                PlaybackEngine.open(
                    options
                        .withUrl(sessionUrl)
                        .withShownUrls(local.shownUrls(sessionUrl))
                        .withStartUs(startUs)
                        .withConfig(settings.get().player())
                        .withSink(sink));
            recordings.register(engine, recorder);
            synchronized (engines) {
              engines.add(engine);
            }
            if (captionsAskedFor != null && captionsAsked.getAndSet(false)) {
              engine.captions().selectLanguage(captionsAskedFor);
            }
            return engine;
          } catch (RuntimeException e) {
            if (log != null) {
              log.close();
            }
            throw e;
          }
        };
    Thread hook =
        new Thread(
            () -> {
              List<PlaybackEngine> open;
              synchronized (engines) {
                open = new ArrayList<>(engines);
              }
              open.forEach(e -> e.close("interrupted"));
              logs.close();
            },
            "window-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      // The window shows and remembers what was typed (a folder stays a folder); the built-in
      // sample's local address changes every run, so it is not remembered.
      long firstStartUs = args.startS == null ? FirstSession.WHERE_LEFT : startUs();
      FirstSession first =
          typed == null
              ? new FirstSession(options.url(), false, captionsOff(), firstStartUs)
              : new FirstSession(typed, true, captionsOff(), firstStartUs);
      return PlayerWindowLauncher.run(first, opener, settings, recordings);
    } finally {
      removeShutdownHook(hook);
    }
  }

  /** {@code --start}, microseconds; 0 without it. */
  private long startUs() {
    return args.startS == null ? 0 : (long) (args.startS * 1e6);
  }

  /** {@code --captions off}: the session starts without captions, whatever the window last had. */
  private boolean captionsOff() {
    return args.captions != null && args.captions.strip().equalsIgnoreCase(CAPTIONS_OFF);
  }

  /** The captions {@code --captions} asks for (a language or "on"), null for none or "off". */
  private @Nullable String captionLanguage() {
    return args.captions == null || captionsOff() ? null : args.captions;
  }

  /** Removes {@code hook}, unless the JVM is shutting down already (then it runs or ran). */
  private static void removeShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutting down already
    }
  }

  /** Where this run's sessions write their logs, from the command line and the settings. */
  private SessionLogs sessionLogs(CurrentSettings settings) {
    if (args.noLog) {
      return new SessionLogs(null, null, settings, err);
    }
    if (args.logFile != null) {
      return new SessionLogs(args.logFile, null, settings, err);
    }
    SessionLogFolder folder =
        args.logDir != null
            ? new SessionLogFolder(args.logDir, Clock.systemDefaultZone())
            : SessionLogFolder.user();
    return new SessionLogs(null, folder, settings, err);
  }

  /**
   * Forwards to {@code log} and closes it, on a thread of its own, once the session has ended (the
   * engine's last event), so a window that plays many sessions keeps no finished log open.
   */
  private static SessionSink closedAtSessionEnd(SessionLogWriter log) {
    return event -> {
      log.accept(event);
      if (event instanceof SessionEvent.SessionEnded) {
        Thread closer = new Thread(log::close, "session-log-close");
        closer.setDaemon(true);
        closer.start();
      }
    };
  }

  /**
   * The session logs of one run: none ({@code --no-log}), the file of {@code --log} (numbered "-2",
   * "-3", … for later sessions of a window), or a new file per session in the log folder, after the
   * folder's retention has been applied. Closes every log it opened. Used by one thread at a time
   * (the main thread, then the FX thread).
   */
  static final class SessionLogs implements AutoCloseable {
    private final @Nullable Path file;
    private final @Nullable SessionLogFolder folder;
    private final CurrentSettings settings;
    private final PrintWriter err;
    private final List<SessionLogWriter> opened = new ArrayList<>();

    SessionLogs(
        @Nullable Path file,
        @Nullable SessionLogFolder folder,
        CurrentSettings settings,
        PrintWriter err) {
      this.file = file;
      this.folder = folder;
      this.settings = settings;
      this.err = err;
    }

    /**
     * The next session's log, or null when there is none: logging is off, or the log folder cannot
     * be written (then a warning is printed and the session plays without a log).
     *
     * @throws IOException when the {@code --log} file cannot be created
     */
    synchronized @Nullable SessionLogWriter open() throws IOException {
      Path target;
      if (file != null) {
        target = opened.isEmpty() ? file : numbered(file, opened.size() + 1);
      } else if (folder != null) {
        try {
          target = folder.newLogFile(settings.get().logging());
        } catch (IOException e) {
          err.println(
              "smooth-player: no session log: cannot use "
                  + folder.dir()
                  + ": "
                  + IoErrors.describe(e));
          err.flush();
          return null;
        }
      } else {
        return null;
      }
      SessionLogWriter writer;
      try {
        writer = SessionLogWriter.open(target, LOG_QUEUE_EVENTS);
      } catch (IOException e) {
        if (file != null) {
          throw new IOException(
              "--log " + target + ": cannot create it: " + IoErrors.describe(e), e);
        }
        err.println(
            "smooth-player: no session log: cannot create " + target + ": " + IoErrors.describe(e));
        err.flush();
        return null;
      }
      opened.add(writer);
      err.println("smooth-player: session log: " + target);
      err.flush();
      return writer;
    }

    /** {@code file} with "-n" before its extension. */
    static Path numbered(Path file, int n) {
      String name = file.getFileName().toString();
      int dot = name.lastIndexOf('.');
      String numbered =
          dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
      return file.resolveSibling(numbered);
    }

    @Override
    public synchronized void close() {
      opened.forEach(SessionLogWriter::close);
    }
  }

  private int headless(EngineOptions options, SessionRecorder recorder, SessionLogs logs)
      throws IOException, InterruptedException {
    PlaybackEngine engine = PlaybackEngine.open(options);
    String captions = captionLanguage();
    if (captions != null) {
      engine.captions().selectLanguage(captions);
    }
    List<String> captionShown = List.of();
    boolean captionsChecked = captions == null;
    // Ctrl+C (or a TERM signal) ends the session as "interrupted" and still reports it, like the
    // end of a run; whichever of the hook and this thread gets there first prints the summary.
    // The log is written out before the JVM ends (its writer is a daemon thread).
    AtomicBoolean reported = new AtomicBoolean();
    Thread hook =
        new Thread(
            () -> {
              engine.close("interrupted");
              logs.close();
              report(recorder, reported);
            },
            "headless-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    long limitUs = args.durationS == null ? Long.MAX_VALUE : (long) (args.durationS * 1e6);
    @Nullable String failure = null;
    // Media played, summed from the clock's advances while playing (seeks, live catch-up jumps and
    // stalls do not count), so --duration means the same for VOD and live.
    long playedUs = 0;
    long lastPositionUs = -1;
    while (true) {
      PlayerSnapshot s = engine.snapshot();
      if (s.state() == PlayerState.FAILED) {
        failure = s.error().orElse("playback failed");
        break;
      }
      if (s.state() == PlayerState.ENDED || s.state() == PlayerState.CLOSED) {
        break;
      }
      if (s.state() == PlayerState.PLAYING) {
        long advanceUs = lastPositionUs < 0 ? 0 : s.positionUs() - lastPositionUs;
        if (advanceUs > 0 && advanceUs < MAX_POLL_ADVANCE_US) {
          playedUs += advanceUs;
        }
        lastPositionUs = s.positionUs();
      } else {
        lastPositionUs = -1;
      }
      if (!captionsChecked && s.state() == PlayerState.PLAYING) {
        captionsChecked = true;
        if (engine.captions().selected().isEmpty()) {
          List<String> tracks =
              engine.captions().tracks().stream()
                  .map(t -> t.language() + " (" + t.label() + ")")
                  .toList();
          err.println(
              "smooth-player: --captions "
                  + captions
                  + ": "
                  + (tracks.isEmpty()
                      ? "the presentation has no caption track"
                      : "no caption track in that language; the presentation has " + tracks));
          err.flush();
        }
      }
      if (captions != null) {
        List<String> lines = engine.captions().linesAt(s.positionUs());
        if (!lines.equals(captionShown) && !lines.isEmpty()) {
          err.println(
              String.format(
                  Locale.ROOT,
                  "smooth-player: caption at %.1f s: %s",
                  // On demand, from the presentation's start, as the window shows it.
                  (s.positionUs() - (s.live() ? 0 : s.seekableStartUs())) / 1e6,
                  String.join(" | ", lines)));
          err.flush();
        }
        captionShown = lines;
      }
      if (playedUs >= limitUs) {
        break;
      }
      Thread.sleep(POLL_MS);
    }
    engine.close("duration");
    removeShutdownHook(hook);
    if (!report(recorder, reported)) {
      return Main.EXIT_FAILED;
    }
    if (failure != null) {
      err.println("smooth-player: " + failure);
      return Main.EXIT_FAILED;
    }
    return 0;
  }

  /**
   * Prints the summary of the session {@code recorder} holds and writes it to {@code --summary},
   * once: does nothing when {@code reported} is already set. Returns false when the summary file
   * could not be written.
   */
  private boolean report(SessionRecorder recorder, AtomicBoolean reported) {
    // Under the flag's lock: a shutdown hook that finds the report taken by the main thread waits
    // here until it is out, since the JVM halts once its hooks end.
    synchronized (reported) {
      if (reported.getAndSet(true)) {
        return true;
      }
      SessionSummary summary = SessionSummary.of(recorder.events());
      out.print(summary.toText() + "\n");
      out.flush();
      if (args.summaryFile != null) {
        try {
          // Its folder was made before the session (run()).
          Files.writeString(args.summaryFile, summary.toJson());
        } catch (IOException e) {
          err.println(
              "smooth-player: --summary "
                  + args.summaryFile
                  + ": cannot write it: "
                  + IoErrors.describe(e));
          err.flush();
          return false;
        }
      }
      return true;
    }
  }

  private int usage(String message) {
    err.println("smooth-player: " + message);
    return Main.EXIT_USAGE;
  }
}
