package org.smoothplayer.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.smoothplayer.app.config.ConfigFile;
import org.smoothplayer.app.config.ConfigFileException;
import org.smoothplayer.app.config.PlayerConfig;
import org.smoothplayer.app.engine.EngineOptions;
import org.smoothplayer.app.engine.PlaybackEngine;
import org.smoothplayer.app.engine.PlayerSnapshot;
import org.smoothplayer.app.engine.PlayerState;
import org.smoothplayer.app.engine.QualityChoice;
import org.smoothplayer.app.session.SessionLogWriter;
import org.smoothplayer.app.session.SessionRecorder;
import org.smoothplayer.app.session.SessionSink;
import org.smoothplayer.app.session.SessionSinks;
import org.smoothplayer.app.session.SessionSummary;
import org.smoothplayer.app.ui.PlayerWindowLauncher;
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

  /** How often the headless runner looks at the session. */
  private static final long POLL_MS = 10;

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
    if (args.startS < 0 || args.durationS != null && !(args.durationS > 0)) {
      return usage("--start must be >= 0 and --duration > 0");
    }
    if (args.summaryFile != null && !args.headless) {
      return usage("--summary needs --headless");
    }
    PlayerConfig config = PlayerConfig.DEFAULTS;
    if (args.configFile != null) {
      try {
        ConfigFile.Loaded loaded = ConfigFile.read(args.configFile);
        loaded.problems().forEach(p -> err.println("smooth-player: config: " + p));
        config = loaded.config();
      } catch (ConfigFileException e) {
        return usage("--config " + e.getMessage());
      }
    }
    LocalOrigin origin = null;
    String url = args.manifestUrl;
    try {
      if (url == null) {
        err.println("smooth-player: playing the built-in sample (generated on first run)");
        err.flush();
        Path dir =
            Presentations.cached(Preset.SAMPLE.spec(), ProgressListener.printingTo(System.err));
        origin = LocalOrigin.builder(dir).start();
        url = origin.baseUri().resolve("Manifest").toString();
      }
      try {
        PlaybackEngine.requireHttpUrl(url);
      } catch (IllegalArgumentException e) {
        return usage(e.getMessage());
      }
      SessionRecorder recorder = new SessionRecorder();
      List<SessionSink> sinks = new ArrayList<>(List.of(recorder));
      SessionLogWriter log = null;
      if (args.logFile != null) {
        log = SessionLogWriter.open(args.logFile, LOG_QUEUE_EVENTS);
        sinks.add(log);
      }
      SessionSink sink = SessionSinks.tee(sinks.toArray(SessionSink[]::new));
      EngineOptions options =
          new EngineOptions(
              url,
              config,
              quality,
              Optional.ofNullable(args.audioLanguage),
              (long) (args.startS * 1e6),
              true,
              args.headless,
              args.noAudioDevice,
              sink);
      try {
        return args.headless ? headless(options, recorder) : window(options);
      } finally {
        if (log != null) {
          log.close();
        }
      }
    } catch (IOException e) {
      err.println("smooth-player: " + e.getMessage());
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

  private int window(EngineOptions options) {
    return PlayerWindowLauncher.run(
        options.url(),
        u -> PlaybackEngine.open(options.withUrl(PlaybackEngine.requireHttpUrl(u).toString())));
  }

  private int headless(EngineOptions options, SessionRecorder recorder)
      throws IOException, InterruptedException {
    PlaybackEngine engine = PlaybackEngine.open(options);
    Thread hook = new Thread(() -> engine.close("interrupted"), "headless-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    long limitUs = args.durationS == null ? Long.MAX_VALUE : (long) (args.durationS * 1e6);
    @Nullable String failure = null;
    long playedFromUs = -1;
    while (true) {
      PlayerSnapshot s = engine.snapshot();
      if (s.state() == PlayerState.FAILED) {
        failure = s.error().orElse("playback failed");
        break;
      }
      if (s.state() == PlayerState.ENDED || s.state() == PlayerState.CLOSED) {
        break;
      }
      if (playedFromUs < 0 && s.state() == PlayerState.PLAYING) {
        playedFromUs = options.startUs();
      }
      if (playedFromUs >= 0 && s.positionUs() - playedFromUs >= limitUs) {
        break;
      }
      Thread.sleep(POLL_MS);
    }
    engine.close("duration");
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutting down already
    }
    SessionSummary summary = SessionSummary.of(recorder.events());
    out.print(summary.toText());
    if (args.summaryFile != null) {
      Path parent = args.summaryFile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(args.summaryFile, summary.toJson());
    }
    if (failure != null) {
      err.println("smooth-player: " + failure);
      return Main.EXIT_FAILED;
    }
    return 0;
  }

  private int usage(String message) {
    err.println("smooth-player: " + message);
    return Main.EXIT_USAGE;
  }
}
